import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { PhoneNumber } from "../../api/types";
import { notifySuccess } from "../../components/notify";

export interface HealthEntity {
  entity_type: string;
  id: string;
  can_send_message: "AVAILABLE" | "LIMITED" | "BLOCKED" | string;
  errors?: { error_code: number; error_description: string; possible_solution?: string }[];
  additional_info?: string[];
}

export interface NumberStatus extends PhoneNumber {
  nameStatus: string | null;
  meta: {
    code_verification_status?: string;
    name_status?: string;
    new_display_name?: string;
    new_name_status?: string;
    status?: string;
    verified_name?: string;
    health_status?: { can_send_message: string; entities: HealthEntity[] };
  };
}

export const statusKey = (id: string) => ["phone-number-status", id] as const;

export function useNumberStatus(id: string) {
  return useQuery({
    queryKey: statusKey(id),
    queryFn: async () =>
      (await unwrap(
        api.GET("/v1/phone-numbers/{id}/status", { params: { path: { id } } }),
      )) as unknown as NumberStatus,
  });
}

type StepPath = "request-code" | "verify" | "register" | "two-step-pin" | "display-name" | "deregister";

/** One life-cycle step at Meta; the answer is the number's new status, kept as the page's data. */
export function useLifecycleStep(id: string, path: StepPath, done: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Record<string, string>) =>
      (await unwrap(
        api.POST(`/v1/phone-numbers/{id}/${path}` as "/v1/phone-numbers/{id}/verify", {
          params: { path: { id } },
          body: body as never,
        }),
      )) as unknown as NumberStatus,
    onSuccess: (status) => {
      notifySuccess(t(done));
      queryClient.setQueryData(statusKey(id), status);
      void queryClient.invalidateQueries({ queryKey: ["phone-numbers"] });
      void queryClient.invalidateQueries({ queryKey: ["phone-number-history", id] });
    },
  });
}
