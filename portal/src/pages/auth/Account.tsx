import { Button, Paper, PasswordInput, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { authApi } from "../../api/auth";
import { asProblem } from "../../api/problem";
import { useSignedIn } from "../../auth/session";
import { notifySuccess } from "../../components/notify";
import { PageHeader } from "../../components/page";
import { ProblemAlert, problemMessage } from "../../components/problem";

export default function Account() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const form = useForm({ initialValues: { currentPassword: "", newPassword: "" } });
  const change = useMutation({
    mutationFn: authApi.changePassword,
    onSuccess: () => {
      form.reset();
      notifySuccess(t("auth.passwordChanged"));
    },
    onError: (error) => {
      // The sentence goes next to the field that caused it; the form keeps what was typed.
      const problem = asProblem(error);
      if (problem.code === "invalid_credentials")
        form.setFieldError("currentPassword", problemMessage(t, error));
      if (problem.code === "password_too_weak" || problem.code === "validation_failed")
        form.setFieldError("newPassword", problemMessage(t, error));
    },
  });
  const fieldCodes = ["invalid_credentials", "password_too_weak", "validation_failed"];
  return (
    <>
      <PageHeader title={t("nav.account")} />
      <Text mb="md">
        {session.user.name} · {session.user.email} · {t(`roles.${session.user.role}`)} · {session.tenant.name}
      </Text>
      <Paper withBorder p="md" maw={480}>
        <form onSubmit={form.onSubmit((values) => change.mutate(values))} noValidate>
          <Stack>
            <Text fw={600} component="h2">
              {t("auth.changePassword")}
            </Text>
            <PasswordInput
              label={t("auth.currentPassword")}
              autoComplete="current-password"
              required
              {...form.getInputProps("currentPassword")}
            />
            <PasswordInput
              label={t("auth.newPassword")}
              description={t("auth.newPasswordHint")}
              autoComplete="new-password"
              required
              {...form.getInputProps("newPassword")}
            />
            {change.error && !fieldCodes.includes(asProblem(change.error).code) ? (
              <ProblemAlert error={change.error} />
            ) : null}
            <Button type="submit" loading={change.isPending} w="fit-content">
              {t("auth.changePassword")}
            </Button>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
