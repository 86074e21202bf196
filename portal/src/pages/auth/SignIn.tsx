import { Alert, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";
import { authApi } from "../../api/auth";
import { useSession } from "../../auth/session";
import { ProblemAlert } from "../../components/problem";
import { AuthFrame } from "./AuthFrame";

export default function SignIn() {
  const { t } = useTranslation();
  const { session, signedIn, signedOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { from?: string; signedOut?: boolean };
  const form = useForm({ initialValues: { email: "", password: "" } });
  const login = useMutation({
    mutationFn: authApi.login,
    onSuccess: (created) => {
      // After a sign-out the next user starts at home, not on the page the previous one left.
      const target = signedOut || state.signedOut ? "/" : (state.from ?? "/");
      signedIn(created);
      navigate(target, { replace: true });
    },
  });
  if (session && !login.isSuccess) return <Navigate to={state.from ?? "/"} replace />;
  return (
    <AuthFrame title={t("auth.signInTitle")}>
      {state.signedOut || signedOut ? (
        <Alert color="teal" role="status">
          {t("auth.signedOut")}
        </Alert>
      ) : null}
      <form onSubmit={form.onSubmit((values) => login.mutate(values))} noValidate>
        <Stack>
          <TextInput
            label={t("auth.email")}
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps("email")}
          />
          <PasswordInput
            label={t("auth.password")}
            autoComplete="current-password"
            required
            {...form.getInputProps("password")}
          />
          <ProblemAlert error={login.error} />
          <Button type="submit" loading={login.isPending}>
            {t("auth.signIn")}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
