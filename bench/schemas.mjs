// Structure-and-format schemas of the same bodies, for comparison: a zod schema and a JSON Schema
// for ajv. They check shapes, types, formats and enums only — none of the glossary's presence
// rules, cross-field rules or check digits that `validate()` applies.
import { z } from "zod";

const date = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const hour = /^([01]\d|2[0-3])[0-5]\d$/;
const workerTypes = ["OTH", "STU", "FLX", "EXT", "DWD", "IVT", "TRI", "STG", "BCW", "RTA", "ALT", "O17", "S17", "T17", "PMP", "A17", "TEA"];
const jointCommissions = ["124", "140", "144", "145", "149", "302", "320", "322", "XXX"];

const municipality = z.object({ code: z.number().int().optional(), name: z.string().max(40).optional() }).strict();
const address = z.object({
  street: z.string().max(42).optional(), houseNumber: z.string().max(10).optional(), boxNumber: z.string().max(4).optional(),
  postCode: z.string().max(9).optional(), municipality: municipality.optional(), country: z.number().int().optional(),
}).strict();
const id = z.number().int().positive().max(999999999999);

export const zodBody = z.object({
  employer: z.object({ employerId: z.number().int().optional(), enterpriseNumber: z.string().regex(/^\d{9,10}$/).optional() }).strict().optional(),
  worker: z.object({
    ssin: z.string().regex(/^\d{11}$/).optional(), familyName: z.string().max(48).optional(), givenName: z.string().max(24).optional(),
    birthDate: z.string().regex(date).optional(), placeOfBirth: z.string().max(40).optional(), countryOfBirth: z.number().int().optional(),
    nationality: z.number().int().optional(), gender: z.number().int().min(1).max(2).optional(), address: address.optional(),
  }).strict().optional(),
  dimonaIn: z.object({
    startDate: z.string().regex(date), startHour: z.string().regex(hour).optional(), endDate: z.string().regex(date).optional(),
    endHour: z.string().regex(hour).optional(), plannedHoursNumber: z.number().int().min(1).max(999).optional(),
    features: z.object({ workerType: z.enum(workerTypes), jointCommissionNumber: z.enum(jointCommissions) }).strict(),
    studentPlaceOfWork: z.object({ name: z.string().max(96), address }).strict().optional(),
  }).strict().optional(),
  dimonaOut: z.object({ periodId: id, endDate: z.string().regex(date) }).strict().optional(),
  dimonaUpdate: z.object({
    periodId: id, startDate: z.string().regex(date).optional(), startHour: z.string().regex(hour).optional(),
    endDate: z.string().regex(date).optional(), endHour: z.string().regex(hour).optional(), plannedHoursNumber: z.number().int().optional(),
  }).strict().optional(),
  dimonaCancel: z.object({ periodId: id }).strict().optional(),
  dailyRegistrationIn: z.object({
    periodId: id, startDate: z.string().regex(date), startHour: z.string().regex(hour),
    endDate: z.string().regex(date).optional(), endHour: z.string().regex(hour).optional(),
  }).strict().optional(),
  dailyRegistrationUpdate: z.object({
    dailyRegistrationId: id, startDate: z.string().regex(date).optional(), startHour: z.string().regex(hour).optional(),
    endDate: z.string().regex(date).optional(), endHour: z.string().regex(hour).optional(),
  }).strict().optional(),
  dailyRegistrationCancel: z.object({ dailyRegistrationId: id }).strict().optional(),
}).strict();

const s = (extra = {}) => ({ type: "string", ...extra });
const obj = (properties, required = []) => ({ type: "object", additionalProperties: false, properties, required });
const addressSchema = obj({
  street: s({ maxLength: 42 }), houseNumber: s({ maxLength: 10 }), boxNumber: s({ maxLength: 4 }), postCode: s({ maxLength: 9 }),
  municipality: obj({ code: { type: "integer" }, name: s({ maxLength: 40 }) }), country: { type: "integer" },
});
const idSchema = { type: "integer", minimum: 1, maximum: 999999999999 };
const dateSchema = s({ format: "date" });
const hourSchema = s({ pattern: "^([01]\\d|2[0-3])[0-5]\\d$" });

export const jsonSchemaBody = obj({
  employer: obj({ employerId: { type: "integer" }, enterpriseNumber: s({ pattern: "^\\d{9,10}$" }) }),
  worker: obj({
    ssin: s({ pattern: "^\\d{11}$" }), familyName: s({ maxLength: 48 }), givenName: s({ maxLength: 24 }), birthDate: dateSchema,
    placeOfBirth: s({ maxLength: 40 }), countryOfBirth: { type: "integer" }, nationality: { type: "integer" },
    gender: { type: "integer", minimum: 1, maximum: 2 }, address: addressSchema,
  }),
  dimonaIn: obj({
    startDate: dateSchema, startHour: hourSchema, endDate: dateSchema, endHour: hourSchema,
    plannedHoursNumber: { type: "integer", minimum: 1, maximum: 999 },
    features: obj({ workerType: { enum: workerTypes }, jointCommissionNumber: { enum: jointCommissions } }, ["workerType", "jointCommissionNumber"]),
    studentPlaceOfWork: obj({ name: s({ maxLength: 96 }), address: addressSchema }, ["name", "address"]),
  }, ["startDate", "features"]),
  dimonaOut: obj({ periodId: idSchema, endDate: dateSchema }, ["periodId", "endDate"]),
  dimonaUpdate: obj({ periodId: idSchema, startDate: dateSchema, startHour: hourSchema, endDate: dateSchema, endHour: hourSchema, plannedHoursNumber: { type: "integer" } }, ["periodId"]),
  dimonaCancel: obj({ periodId: idSchema }, ["periodId"]),
  dailyRegistrationIn: obj({ periodId: idSchema, startDate: dateSchema, startHour: hourSchema, endDate: dateSchema, endHour: hourSchema }, ["periodId", "startDate", "startHour"]),
  dailyRegistrationUpdate: obj({ dailyRegistrationId: idSchema, startDate: dateSchema, startHour: hourSchema, endDate: dateSchema, endHour: hourSchema }, ["dailyRegistrationId"]),
  dailyRegistrationCancel: obj({ dailyRegistrationId: idSchema }, ["dailyRegistrationId"]),
});
