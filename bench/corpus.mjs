// A corpus of realistic declaration bodies: all seven kinds, valid and invalid, as a payroll
// export would produce them. Shared by the validation benchmarks. Flexi-jobs are declared with
// joint committee XXX: production refuses FLX with 302 (90374-349).

const employer = { enterpriseNumber: "0411702543" };
const worker = { ssin: "65111899997" };
const features = (workerType, jointCommissionNumber = "XXX") => ({ workerType, jointCommissionNumber });

/** Returns `{ name, valid, body }` rows; `today` fixes the date rules. */
export function corpus(today = "2026-11-20") {
  const year = Number(today.slice(0, 4));
  const d = (offset) => {
    const t = new Date(`${today}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() + offset);
    return t.toISOString().slice(0, 10);
  };
  const rows = [
    ["in-oth", true, { employer, worker, dimonaIn: { startDate: d(3), endDate: d(40), features: features("OTH") } }],
    ["in-oth-open", true, { employer, worker, dimonaIn: { startDate: d(1), features: features("OTH") } }],
    ["in-stu", true, { employer, worker, dimonaIn: { startDate: d(2), endDate: d(5), plannedHoursNumber: 24, features: features("STU") } }],
    ["in-flx", true, { employer, worker, dimonaIn: { startDate: d(1), startHour: "0800", endDate: d(1), endHour: "1600", features: features("FLX") } }],
    ["in-ext", true, { employer, worker, dimonaIn: { startDate: d(1), startHour: "1800", endDate: d(1), endHour: "2300", features: features("EXT", "302") } }],
    ["in-employer-id", true, { employer: { employerId: 118203423 }, worker, dimonaIn: { startDate: d(7), features: features("OTH") } }],
    ["in-mid", true, {
      employer,
      worker: {
        familyName: "JANSSENS", givenName: "ANNA", birthDate: "1990-04-12", placeOfBirth: "GENT", countryOfBirth: 150,
        nationality: 150, gender: 2, address: { street: "Kerkstraat", houseNumber: "12", postCode: "9000", municipality: { code: 44021, name: "Gent" }, country: 150 },
      },
      dimonaIn: { startDate: d(3), features: features("OTH") },
    }],
    ["out", true, { dimonaOut: { periodId: 600050201853, endDate: d(10) } }],
    ["update", true, { dimonaUpdate: { periodId: 600050201853, endDate: d(20) } }],
    ["cancel", true, { dimonaCancel: { periodId: 600050201853 } }],
    ["dr-in", true, { dailyRegistrationIn: { periodId: 600050201853, startDate: d(1), startHour: "1630" } }],
    ["dr-update", true, { dailyRegistrationUpdate: { dailyRegistrationId: 600008734454, endDate: d(1), endHour: "2200" } }],
    ["dr-cancel", true, { dailyRegistrationCancel: { dailyRegistrationId: 600008734454 } }],
    ["in-stu-hours", false, { employer, worker, dimonaIn: { startDate: d(2), startHour: "0800", endDate: d(5), features: features("STU") } }],
    ["in-bad-ssin", false, { employer, worker: { ssin: "65111899998" }, dimonaIn: { startDate: d(3), features: features("OTH") } }],
    ["in-bad-date", false, { employer, worker, dimonaIn: { startDate: `${year}-02-30`, features: features("OTH") } }],
    ["in-end-before-start", false, { employer, worker, dimonaIn: { startDate: d(5), endDate: d(2), features: features("OTH") } }],
    ["in-no-features", false, { employer, worker, dimonaIn: { startDate: d(3) } }],
    ["in-ext-302-missing-hours", false, { employer, worker, dimonaIn: { startDate: d(1), endDate: d(1), features: features("EXT", "302") } }],
    ["in-v1-names", false, { employer, worker, dimonaIn: { startingDate: d(1), features: { workerType: "OTH", jointCommitteeNumber: "XXX" } } }],
    ["out-no-period", false, { dimonaOut: { endDate: d(10) } }],
    ["dr-in-bad-hour", false, { dailyRegistrationIn: { periodId: 600050201853, startDate: d(1), startHour: "2460" } }],
    ["empty", false, {}],
  ];
  return rows.map(([name, valid, body]) => ({ name, valid, body }));
}
