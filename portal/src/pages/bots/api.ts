import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { PhoneNumber } from "../../api/types";
import type {
  BotFlow,
  FlowAnalytics,
  FlowDefinition,
  FlowTriggers,
  FlowVersion,
  Inbound,
  SimulationResult,
} from "./model";

const path = (id: string) => ({ params: { path: { id } } });

export const useFlows = () =>
  useQuery({
    queryKey: ["bot-flows"],
    queryFn: async () => ((await unwrap(api.GET("/v1/bots/flows"))) as unknown as { data: BotFlow[] }).data,
  });

export const useFlow = (id: string) =>
  useQuery({
    queryKey: ["bot-flows", id],
    queryFn: async () => (await unwrap(api.GET("/v1/bots/flows/{id}", path(id)))) as unknown as BotFlow,
    staleTime: Number.POSITIVE_INFINITY,
  });

export const usePhoneNumbers = () =>
  useQuery({
    queryKey: ["phone-numbers"],
    queryFn: async () =>
      ((await unwrap(api.GET("/v1/phone-numbers"))) as unknown as { data: PhoneNumber[] }).data,
  });

export const useVersions = (id: string) =>
  useQuery({
    queryKey: ["bot-flows", id, "versions"],
    queryFn: async () =>
      (
        (await unwrap(api.GET("/v1/bots/flows/{id}/versions", path(id)))) as unknown as {
          data: FlowVersion[];
        }
      ).data,
  });

export const useAnalytics = (id: string) =>
  useQuery({
    queryKey: ["bot-flows", id, "analytics"],
    queryFn: async () =>
      (await unwrap(api.GET("/v1/bots/flows/{id}/analytics", path(id)))) as unknown as FlowAnalytics,
    refetchInterval: 10_000,
  });

export interface FlowSettings {
  name?: string;
  phoneNumberId?: string | null;
  isDefault?: boolean;
  triggers?: FlowTriggers;
  definition?: FlowDefinition;
}

export const createFlow = async (body: {
  name: string;
  phoneNumberId?: string | null;
  isDefault?: boolean;
}) => (await unwrap(api.POST("/v1/bots/flows", { body }))) as unknown as BotFlow;

export const saveFlow = async (id: string, body: FlowSettings) =>
  (await unwrap(api.PATCH("/v1/bots/flows/{id}", { ...path(id), body }))) as unknown as BotFlow;

export const publishFlow = async (id: string) =>
  (await unwrap(api.POST("/v1/bots/flows/{id}/publish", path(id)))) as unknown as FlowVersion;

export const rollbackFlow = async (id: string, version: number) =>
  (await unwrap(
    api.POST("/v1/bots/flows/{id}/rollback", { ...path(id), body: { version } }),
  )) as unknown as BotFlow;

export const simulateFlow = async (id: string, messages: Inbound[]) =>
  (await unwrap(
    api.POST("/v1/bots/flows/{id}/simulate", { ...path(id), body: { messages } }),
  )) as unknown as SimulationResult;

/** A mutation that refreshes the flow (and its list, versions and analytics) when it succeeds. */
export function useFlowMutation<A, R>(run: (args: A) => Promise<R>, onDone?: (result: R) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ["bot-flows"] });
      onDone?.(result);
    },
  });
}
