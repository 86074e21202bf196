import { Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { authApi } from "../../api/auth";
import { useSession } from "../../auth/session";
import { PageLoader } from "../../components/PageLoader";
import { ProblemAlert } from "../../components/problem";
import { AuthFrame } from "./AuthFrame";

export default function AcceptInvitation() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const navigate = useNavigate();
  const { signedIn } = useSession();
  const invitation = useQuery({
    queryKey: ["invitation", token],
    queryFn: () => authApi.invitation(token),
    enabled: token !== "",
  });
  const form = useForm({ initialValues: { name: "", password: "" } });
  const { setFieldValue } = form;
  const invitedName = invitation.data?.name;
  useEffect(() => {
    if (invitedName) setFieldValue("name", invitedName);
  }, [invitedName, setFieldValue]);
  const accept = useMutation({
    mutationFn: (values: { name: string; password: string }) => authApi.acceptInvitation(token, values),
    onSuccess: (session) => {
      signedIn(session);
      navigate("/", { replace: true });
    },
  });
  if (invitation.isPending && token) return <PageLoader />;
  if (!token || invitation.isError) {
    return (
      <AuthFrame title={t("app.name")}>
        <Text role="alert">{t("auth.invitationInvalid")}</Text>
      </AuthFrame>
    );
  }
  const data = invitation.data!;
  return (
    <AuthFrame title={t("auth.acceptTitle", { tenant: data.tenantName })}>
      <Text>{t("auth.acceptIntro", { role: t(`roles.${data.role}`), email: data.email })}</Text>
      <form onSubmit={form.onSubmit((values) => accept.mutate(values))} noValidate>
        <Stack>
          <TextInput label={t("auth.name")} autoComplete="name" {...form.getInputProps("name")} />
          <PasswordInput
            label={t("auth.newPassword")}
            description={t("auth.newPasswordHint")}
            autoComplete="new-password"
            required
            {...form.getInputProps("password")}
          />
          <ProblemAlert error={accept.error} />
          <Button type="submit" loading={accept.isPending}>
            {t("auth.accept")}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
