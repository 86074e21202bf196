/** PostgreSQL's unique_violation; drivers put the code on the error or (Drizzle) on its cause. */
export function isUniqueViolation(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: string; cause?: { code?: string } };
  return code === "23505" || cause?.code === "23505";
}
