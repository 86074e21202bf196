import { api, getCsrfToken, unwrap } from "../../api/client";
import { problemFrom } from "../../api/problem";
import type { paths } from "../../api/schema";

export type ContactImport = paths["/v1/imports/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type Uploaded = ContactImport & { sample: string[][] };
export type Segment =
  paths["/v1/segments"]["get"]["responses"][200]["content"]["application/json"]["data"][number];
export type SegmentGroup =
  paths["/v1/segments/preview"]["post"]["requestBody"]["content"]["application/json"]["rules"];
export type SegmentRule = Exclude<SegmentGroup["rules"][number], { op: "and" | "or"; rules: unknown }>;
export type ContactList =
  paths["/v1/lists"]["get"]["responses"][200]["content"]["application/json"]["data"][number];

/** Sends the file itself as the body, streamed by the browser (never read into a string here). */
export async function uploadCsv(file: File): Promise<Uploaded> {
  const token = getCsrfToken();
  const response = await fetch(`/v1/imports?fileName=${encodeURIComponent(file.name)}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "text/csv", ...(token ? { "X-CSRF-Token": token } : {}) },
    body: file,
  });
  if (!response.ok) throw await problemFrom(response);
  return (await response.json()) as Uploaded;
}

export const fetchLists = () => unwrap(api.GET("/v1/lists")).then((page) => page.data);
