// Real-looking, distinct, valid declarations for soak tests and benchmarks: valid SSINs (born
// 1990, serials 001–997), start dates in the near future, and one worker in fifty without an SSIN,
// identified by name, birth date and address (the RSZ answers S for those).

/** A valid SSIN for birth date 1990-01-dd and serial `serial` (1–997). */
export function ssin(day, serial) {
  const base = `9001${String(day).padStart(2, "0")}${String(serial).padStart(3, "0")}`;
  const check = 97 - (Number(base) % 97);
  return base + String(check).padStart(2, "0");
}

const families = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet"];
const given = ["Emma", "Noah", "Olivia", "Louis", "Marie", "Lucas", "Louise", "Liam", "Elise", "Arthur"];

const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** `n` Dimona In bodies, one per worker; `names` lists the names used (for privacy checks). */
export function workers(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const s = ssin(1 + Math.floor(i / 997), 1 + (i % 997));
    const familyName = `${families[i % families.length]}-${given[i % given.length]}`;
    const givenName = given[(i * 7) % given.length];
    const withoutSsin = i % 50 === 49;
    const worker = withoutSsin
      ? {
          familyName,
          givenName,
          birthDate: `1990-04-${String(1 + (i % 28)).padStart(2, "0")}`,
          placeOfBirth: "Gent",
          countryOfBirth: 150,
          nationality: 150,
          gender: 2,
          address: { street: "Kerkstraat", houseNumber: String(1 + i), postCode: "9000", municipality: { code: 44021, name: "Gent" }, country: 150 },
        }
      : { ssin: s };
    out.push({
      ssin: s,
      familyName,
      givenName,
      withoutSsin,
      body: {
        employer: { enterpriseNumber: "0411702543" },
        worker,
        dimonaIn: {
          startDate: inDays(2 + (i % 5)),
          endDate: inDays(30),
          features: { jointCommissionNumber: "XXX", workerType: "OTH" },
        },
      },
    });
  }
  return out;
}

/**
 * A series of valid, distinct SSINs for end-to-end tests: births spread over `years` years from
 * `fromYear` (e.g. 1970, 10), starting at a random serial so reruns against one dev server declare
 * new workers. Births from 2000 get their check digits on "2" followed by the nine digits.
 */
export function ssinSeries(fromYear, years, start = Math.floor(Math.random() * 3000)) {
  let n = start;
  return () => {
    const i = n++;
    const day = String((i % 28) + 1).padStart(2, "0");
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, "0");
    const birthYear = fromYear + (Math.floor(i / 336) % years);
    const serial = String(100 + (i % 800)).padStart(3, "0");
    const base = `${String(birthYear % 100).padStart(2, "0")}${month}${day}${serial}`;
    const checked = birthYear >= 2000 ? `2${base}` : base;
    return base + String(97 - (Number(checked) % 97)).padStart(2, "0");
  };
}

/** The UTC date `offset` days from now, `YYYY-MM-DD`. */
export const isoDay = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
