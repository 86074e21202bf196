import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  PasswordInput,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { asProblem } from "../../api/problem";
import type { PhoneNumber } from "../../api/types";
import { PageHeader } from "../../components/page";
import { areaProblem } from "../activation/model";

/** Meta's own words about a refused step, under the translated sentence. */
function metaDetail(error: unknown) {
  const problem = asProblem(error);
  return problem.code === "embedded_signup_failed" && problem.detail ? (
    <Text size="xs" mt={4}>
      {problem.detail}
    </Text>
  ) : null;
}

export const SIGNUP_STATE_KEY = "charla.signup.state";
export const SIGNUP_MESSAGE = "charla-embedded-signup";
const PIN = /^\d{6}$/;

export interface SignupReturn {
  code: string;
  wabaId: string;
  phoneNumberId: string;
  state: string;
}

export type SignedUpNumber = PhoneNumber & { nameStatus: string | null };

/** Exchanges the signup's code: the WABA is connected, subscribed, and the number registered with the PIN. */
export function useCompleteSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ back, pin }: { back: SignupReturn; pin: string }) => {
      if (back.state !== localStorage.getItem(SIGNUP_STATE_KEY)) throw new Error("state");
      const { state: _state, ...ids } = back;
      return (await unwrap(api.POST("/v1/signup/embedded", { body: { ...ids, pin } }))) as unknown as {
        phoneNumbers: SignedUpNumber[];
      };
    },
    onSuccess: () => {
      localStorage.removeItem(SIGNUP_STATE_KEY);
      void queryClient.invalidateQueries({ queryKey: ["phone-numbers"] });
      void queryClient.invalidateQueries({ queryKey: ["whatsapp-accounts"] });
    },
  });
}

export function SignupResult({ numbers }: { numbers: SignedUpNumber[] }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal" variant="light" title={t("signup.done")} data-testid="signup-result">
      <Stack gap={4}>
        {numbers.map((number) => (
          <Group key={number.id} gap="xs">
            <Anchor component={Link} to={`/numbers/${number.id}`}>
              {number.displayPhoneNumber} · {number.verifiedName}
            </Anchor>
            <Badge variant="light">{t("numberLife.nameStatus", { status: number.nameStatus ?? "—" })}</Badge>
          </Group>
        ))}
        <Text size="sm">{t("signup.afterwards")}</Text>
      </Stack>
    </Alert>
  );
}

export function PinInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      label={t("signup.pin")}
      description={t("signup.pinHelp")}
      inputMode="numeric"
      maxLength={6}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value.replace(/\D/g, ""))}
      error={value && !PIN.test(value) ? t("signup.pinInvalid") : null}
    />
  );
}

/** Self-service signup: the emulator's Embedded Signup in a popup; its code comes back by message. */
export default function SignupPage() {
  const { t } = useTranslation();
  const [pin, setPin] = useState("");
  const pinRef = useRef(pin);
  pinRef.current = pin;
  // A code is exchanged once: a second message with it (a reloaded popup) is ignored.
  const handled = useRef(new Set<string>());
  const complete = useCompleteSignup();
  const open = useMutation({
    mutationFn: async () => {
      const redirectUri = `${window.location.origin}/numbers/signup/callback`;
      const { url, state } = (await unwrap(
        api.GET("/v1/signup/embedded", { params: { query: { redirectUri } } }),
      )) as unknown as { url: string; state: string };
      localStorage.setItem(SIGNUP_STATE_KEY, state);
      window.open(url, "charla-signup", "popup,width=640,height=800");
    },
  });
  useEffect(() => {
    const listen = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || event.data?.type !== SIGNUP_MESSAGE) return;
      const back = event.data.back as SignupReturn;
      if (handled.current.has(back.code)) return;
      handled.current.add(back.code);
      complete.mutate({ back, pin: pinRef.current });
    };
    window.addEventListener("message", listen);
    return () => window.removeEventListener("message", listen);
  }, [complete.mutate]);
  return (
    <>
      <PageHeader title={t("signup.title")} />
      <Card withBorder maw={720}>
        <Stack>
          <Text size="sm">{t("signup.intro")}</Text>
          <List type="ordered" size="sm" spacing={4}>
            {[1, 2, 3, 4].map((step) => (
              <List.Item key={step}>{t(`signup.step${step}`)}</List.Item>
            ))}
          </List>
          <PinInput value={pin} onChange={setPin} />
          <Button
            w="fit-content"
            disabled={!PIN.test(pin)}
            loading={open.isPending || complete.isPending}
            onClick={() => open.mutate()}
          >
            {t("signup.open")}
          </Button>
          {open.error || complete.error ? (
            <Alert color="red" role="alert" variant="light">
              {complete.error?.message === "state"
                ? t("signup.stateMismatch")
                : areaProblem(t, open.error ?? complete.error, "signup.problems")}
              {metaDetail(open.error ?? complete.error)}
            </Alert>
          ) : null}
          {complete.data ? <SignupResult numbers={complete.data.phoneNumbers} /> : null}
          <Title order={2} size="h5">
            {t("signup.manualTitle")}
          </Title>
          <Text size="sm">
            {t("signup.manual")}{" "}
            <Anchor component={Link} to="/numbers">
              {t("signup.backToNumbers")}
            </Anchor>
          </Text>
        </Stack>
      </Card>
    </>
  );
}
