import { Alert } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiProblem, asProblem } from "../api/problem";

/** A problem as one sentence in the user's language: the translated code, else the server's detail. */
export function problemMessage(t: TFunction, error: unknown): string {
  const problem = asProblem(error);
  if (problem.code === "login_locked") {
    return problem.retryAfter
      ? t("problems.login_locked", { minutes: Math.max(1, Math.ceil(problem.retryAfter / 60)) })
      : t("problems.login_locked_soon");
  }
  // Shared codes in `problems`; billing's and sending's in their area (i18n/areas/problem-texts.ts).
  for (const group of ["problems", "sendingProblems"]) {
    const translated = t(`${group}.${problem.code}`, { defaultValue: "" });
    if (translated) return translated;
  }
  return problem.detail ?? t("problems.generic", { code: problem.code });
}

/** Server messages per form field, from a problem's `errors[]` (paths like `components.1.text`). */
export function fieldErrors(error: unknown, map: (path: string) => string | null = (p) => p) {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiProblem)) return out;
  for (const item of error.errors) {
    const field = map(item.path);
    if (field && !out[field]) out[field] = item.message;
  }
  return out;
}

/** The problem next to what caused it (a form, a button, a list). */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" title={title} role="alert" variant="light">
      {problemMessage(t, error)}
    </Alert>
  );
}
