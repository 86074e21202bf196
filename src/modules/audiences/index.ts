/**
 * The audiences module's public surface: contact import (CSV, streamed, resumable), segments
 * (rules compiled to SQL, materialised members) and static lists, and the audience SQL campaigns use.
 */
import type { ModuleRecord } from "../../app/module.ts";
import { audienceJobs } from "./jobs.ts";
import { audiencesRoutes } from "./routes.ts";

export { type AudienceSpec, audienceChunkSql, audienceContactIdsSql } from "./audience.ts";
export { importFile } from "./import-file.ts";
export { type ContactImport, type ImportProgress, runImport } from "./import-run.ts";
export { configureImport } from "./import-service.ts";
export { errorFile, getImport, listImports, storeUpload } from "./import-store.ts";
export type { ImportOptions } from "./import-types.ts";
export {
  addListMembers,
  type ContactList,
  createList,
  deleteList,
  getList,
  listLists,
  listMembers,
  removeListMembers,
} from "./lists.ts";
export { type SegmentGroup, type SegmentRule, segmentGroupSchema } from "./rules.ts";
export {
  createSegment,
  deleteSegment,
  getSegment,
  listSegments,
  previewSegment,
  refreshSegments,
  type Segment,
  updateSegment,
} from "./segments.ts";

export const audiencesModule: ModuleRecord = {
  name: "audiences",
  routes: audiencesRoutes,
  jobs: audienceJobs,
};
