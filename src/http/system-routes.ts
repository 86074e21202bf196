import { z } from "zod";
import type { Services } from "../app/services.ts";
import type { ZodApp } from "./context.ts";

const check = z.object({
  status: z.enum(["ok", "fail"]),
  latencyMs: z.number(),
  error: z.string().optional(),
});

async function timed(probe: () => Promise<unknown>): Promise<z.infer<typeof check>> {
  const started = performance.now();
  try {
    await probe();
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: "fail",
      latencyMs: Math.round(performance.now() - started),
      error: String((error as Error).message),
    };
  }
}

/** /health (database and job queue checked) and /metrics (Prometheus text). */
export function systemRoutes(app: ZodApp, services: Services) {
  app.get(
    "/health",
    {
      schema: {
        tags: ["system"],
        summary: "Liveness and readiness: the database answers and the job queue is installed",
        response: {
          200: z.object({ status: z.literal("ok"), database: check, jobs: check, databaseKind: z.string() }),
          503: z.object({
            status: z.literal("fail"),
            database: check,
            jobs: check,
            databaseKind: z.string(),
          }),
        },
      },
    },
    async (_request, reply) => {
      const database = await timed(() => services.database.ping());
      const jobs = await timed(async () => {
        if (!(await services.boss.isInstalled())) throw new Error("pg-boss schema is not installed");
        await services.boss.getQueues();
      });
      const ok = database.status === "ok" && jobs.status === "ok";
      const body = { database, jobs, databaseKind: services.database.kind };
      return ok
        ? reply.code(200).send({ status: "ok", ...body })
        : reply.code(503).send({ status: "fail", ...body });
    },
  );

  app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
    reply.type(services.metrics.contentType);
    return services.metrics.metrics();
  });
}
