/** Pipelines (ordered stages) and opportunities: the API contract. Money is integer minor units. */
import { z } from 'zod';
import { IsoDate, ListQuery } from './common';

export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost', 'abandoned'] as const;
export const OpportunityStatus = z.enum(OPPORTUNITY_STATUSES);
export type OpportunityStatus = z.infer<typeof OpportunityStatus>;

/** The stages a location's first pipeline starts with. */
export const DEFAULT_PIPELINE = {
  name: 'Sales Pipeline',
  stages: ['New Lead', 'Consultation Booked', 'Treatment Plan Sent', 'Won', 'Lost'],
};

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
export const Currency = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => /^[A-Z]{3}$/.test(c) && KNOWN_CURRENCIES.has(c), 'must be an ISO 4217 currency code such as USD or GBP');

const Name = z.string().trim().min(1).max(200);
const StageName = z.string().trim().min(1).max(100);

export const PipelineStageSchema = z.object({ id: z.uuid(), name: z.string(), position: z.number().int() }).meta({ id: 'PipelineStage' });
export type PipelineStage = z.infer<typeof PipelineStageSchema>;

export const PipelineSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    stages: z.array(PipelineStageSchema).describe('In order'),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .meta({ id: 'Pipeline' });
export type Pipeline = z.infer<typeof PipelineSchema>;

const distinctNames = (stages: { name: string }[]) => new Set(stages.map((s) => s.name.toLowerCase())).size === stages.length;
const distinctIds = (stages: { id?: string }[]) => {
  const ids = stages.map((s) => s.id).filter(Boolean);
  return new Set(ids).size === ids.length;
};

export const PipelineCreateSchema = z.object({
  name: z.string().trim().min(1).max(100),
  stages: z
    .array(z.object({ name: StageName }))
    .min(1)
    .max(30)
    .refine(distinctNames, 'stage names must differ'),
});
export type PipelineCreate = z.infer<typeof PipelineCreateSchema>;

export const PipelinePatchSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    stages: z
      .array(z.object({ id: z.uuid().optional().describe('Keep an existing stage (renamed or moved); absent: a new stage'), name: StageName }))
      .min(1)
      .max(30)
      .refine(distinctNames, 'stage names must differ')
      .refine(distinctIds, 'a stage may be listed once')
      .optional()
      .describe('The whole ordered list: stages left out are removed (409 while they hold opportunities)'),
  })
  .refine((p) => p.name !== undefined || p.stages !== undefined, { message: 'nothing to change' });
export type PipelinePatch = z.infer<typeof PipelinePatchSchema>;

/** One stage at a time (Settings → Pipelines): stages not named are left as they are. */
export const PipelineStageParams = z.object({ id: z.uuid(), stageId: z.uuid() });

export const PipelineStageCreateSchema = z.object({
  name: StageName,
  position: z.number().int().min(0).optional().describe('Where it goes (0 = first); absent or past the end: last'),
});
export type PipelineStageCreate = z.infer<typeof PipelineStageCreateSchema>;

export const PipelineStagePatchSchema = z
  .object({
    name: StageName.optional(),
    position: z.number().int().min(0).optional().describe('Move it here (0 = first; past the end: last); the stages between shift by one'),
  })
  .refine((p) => p.name !== undefined || p.position !== undefined, { message: 'nothing to change' });
export type PipelineStagePatch = z.infer<typeof PipelineStagePatchSchema>;

export const OpportunitySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    contactId: z.uuid(),
    pipelineId: z.uuid(),
    pipelineName: z.string(),
    pipelineStageId: z.uuid(),
    stageName: z.string(),
    monetaryValue: z.number().int().describe('Minor units (cents)'),
    currency: z.string().describe('ISO 4217'),
    status: OpportunityStatus,
    lostReason: z.string().nullable(),
    assignedTo: z.uuid().nullable().describe('The owner: a team member of the location'),
    source: z.string().nullable(),
    createdBy: z.uuid().nullable(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .meta({ id: 'Opportunity' });
export type Opportunity = z.infer<typeof OpportunitySchema>;

const MonetaryValue = z.number().int().min(0).max(1e13).describe('Minor units (cents), ≥ 0');
const LostReason = z.string().trim().max(500);
const lostNeedsReason = { message: 'is required when the status is lost', path: ['lostReason'] };

export const OpportunityCreateSchema = z
  .object({
    name: Name,
    contactId: z.uuid(),
    pipelineId: z.uuid(),
    pipelineStageId: z.uuid().describe('A stage of the pipeline (422 otherwise)'),
    monetaryValue: MonetaryValue.default(0),
    currency: Currency.optional().describe('Default: the location country’s (US → USD, GB → GBP, else USD)'),
    status: OpportunityStatus.default('open'),
    lostReason: LostReason.optional(),
    assignedTo: z.uuid().nullable().optional(),
    source: z.string().trim().max(100).optional(),
  })
  .refine((o) => o.status !== 'lost' || !!o.lostReason, lostNeedsReason);
export type OpportunityCreate = z.infer<typeof OpportunityCreateSchema>;

export const OpportunityPatchSchema = z
  .object({
    name: Name.optional(),
    pipelineId: z.uuid().optional(),
    pipelineStageId: z.uuid().optional(),
    monetaryValue: MonetaryValue.optional(),
    currency: Currency.optional(),
    status: OpportunityStatus.optional(),
    lostReason: LostReason.nullable().optional().describe('Required when the status becomes lost; cleared when it leaves lost'),
    assignedTo: z.uuid().nullable().optional(),
    source: z.string().trim().max(100).nullable().optional(),
  })
  .refine((p) => p.status !== 'lost' || p.lostReason !== null, lostNeedsReason)
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'nothing to change' });
export type OpportunityPatch = z.infer<typeof OpportunityPatchSchema>;

export const OpportunityListQuery = ListQuery.extend({
  contactId: z.uuid().optional(),
  pipelineId: z.uuid().optional(),
  status: OpportunityStatus.optional(),
});
export type OpportunityListQuery = z.infer<typeof OpportunityListQuery>;
