import { Button, Card, Stack, Text } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PageHeader } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { PinInput, SIGNUP_MESSAGE, SignupResult, type SignupReturn, useCompleteSignup } from "./Signup";

/**
 * Where the signup page returns with its code: in the popup it hands the code to the portal that
 * opened it and closes; opened on its own (a new tab), it finishes the signup itself.
 */
export default function SignupCallback() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [pin, setPin] = useState("");
  const complete = useCompleteSignup();
  const back: SignupReturn = {
    code: params.get("code") ?? "",
    wabaId: params.get("waba_id") ?? "",
    phoneNumberId: params.get("phone_number_id") ?? "",
    state: params.get("state") ?? "",
  };
  const opener = window.opener as Window | null;
  const posted = useRef(false);
  useEffect(() => {
    if (!opener || !back.code || posted.current) return;
    posted.current = true;
    opener.postMessage({ type: SIGNUP_MESSAGE, back }, window.location.origin);
    window.close();
  });
  return (
    <>
      <PageHeader title={t("signup.title")} />
      <Card withBorder maw={560}>
        <Stack>
          {opener ? (
            <Text>{t("signup.returning")}</Text>
          ) : (
            <>
              <Text size="sm">{t("signup.finishHere")}</Text>
              <PinInput value={pin} onChange={setPin} />
              <Button
                w="fit-content"
                disabled={!/^\d{6}$/.test(pin)}
                loading={complete.isPending}
                onClick={() => complete.mutate({ back, pin })}
              >
                {t("signup.finish")}
              </Button>
              <ProblemAlert error={complete.error?.message === "state" ? null : complete.error} />
              {complete.data ? <SignupResult numbers={complete.data.phoneNumbers} /> : null}
            </>
          )}
        </Stack>
      </Card>
    </>
  );
}
