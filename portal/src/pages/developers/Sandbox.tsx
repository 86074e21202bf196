import { Anchor, Button, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { authApi } from "../../api/auth";
import { api, unwrap } from "../../api/client";
import type { PhoneNumber } from "../../api/types";
import { notifySuccess } from "../../components/notify";
import { QueryState } from "../../components/page";
import { ProblemAlert } from "../../components/problem";

/** Inject an inbound message from a simulated customer into the sandbox emulator. */
export function Sandbox() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const sandbox = useQuery({ queryKey: ["sandbox"], queryFn: authApi.sandbox });
  const numbers = useQuery({
    queryKey: ["phone-numbers"],
    queryFn: async () =>
      ((await unwrap(api.GET("/v1/phone-numbers"))) as unknown as { data: PhoneNumber[] }).data,
  });
  const form = useForm({ initialValues: { from: "5491155550000", text: "Hola", phoneNumberId: "" } });
  const inject = useMutation({
    mutationFn: (values: typeof form.values) =>
      authApi.injectInbound({
        from: values.from,
        text: values.text,
        ...(values.phoneNumberId ? { phoneNumberId: values.phoneNumberId } : {}),
      }),
    onSuccess: () => {
      notifySuccess(t("developers.injected"));
      setTimeout(() => {
        void queryClient.invalidateQueries({ queryKey: ["conversations"] });
        void queryClient.invalidateQueries({ queryKey: ["contacts"] });
      }, 1000);
    },
  });
  return (
    <QueryState query={sandbox}>
      {(state) =>
        !state.enabled ? (
          <Text>{t("developers.sandboxOff")}</Text>
        ) : (
          <form onSubmit={form.onSubmit((values) => inject.mutate(values))} noValidate>
            <Stack maw={480}>
              <Text>{t("developers.sandboxIntro")}</Text>
              {state.emulatorUrl && (
                <Anchor href={`${state.emulatorUrl}/_emulator/ui`} target="_blank" rel="noreferrer">
                  {t("developers.sandboxPhones")}
                </Anchor>
              )}
              <Select
                label={t("numbers.displayNumber")}
                placeholder={t("app.all")}
                clearable
                data={(numbers.data ?? []).map((n) => ({
                  value: n.phoneNumberId,
                  label: n.displayPhoneNumber,
                }))}
                {...form.getInputProps("phoneNumberId")}
              />
              <TextInput label={t("developers.from")} required {...form.getInputProps("from")} />
              <Textarea label={t("developers.text")} required {...form.getInputProps("text")} />
              <ProblemAlert error={inject.error} />
              <Button type="submit" w="fit-content" loading={inject.isPending}>
                {t("developers.inject")}
              </Button>
            </Stack>
          </form>
        )
      }
    </QueryState>
  );
}
