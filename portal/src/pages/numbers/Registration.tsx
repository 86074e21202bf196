import { Button, Card, Group, Modal, SegmentedControl, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../../components/problem";
import { DisplayNameCheck } from "../activation/DisplayNameCheck";
import { type NumberStatus, useLifecycleStep } from "./lifecycle";
import { PinInput } from "./Signup";

const SIX_DIGITS = /^\d{6}$/;

function VerifyNumber({ id }: { id: string }) {
  const { t } = useTranslation();
  const [method, setMethod] = useState("SMS");
  const [code, setCode] = useState("");
  const request = useLifecycleStep(id, "request-code", "numberLife.codeSent");
  const verify = useLifecycleStep(id, "verify", "numberLife.verified");
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs" wrap="wrap">
        <SegmentedControl
          aria-label={t("numberLife.codeMethod")}
          data={[
            { value: "SMS", label: t("numberLife.sms") },
            { value: "VOICE", label: t("numberLife.voice") },
          ]}
          value={method}
          onChange={setMethod}
        />
        <Button
          variant="light"
          loading={request.isPending}
          onClick={() => request.mutate({ method, language: "en_US" })}
        >
          {t("numberLife.requestCode")}
        </Button>
      </Group>
      <ProblemAlert error={request.error} />
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput
          label={t("numberLife.code")}
          inputMode="numeric"
          maxLength={6}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, ""))}
        />
        <Button
          disabled={!SIX_DIGITS.test(code)}
          loading={verify.isPending}
          onClick={() => verify.mutate({ code })}
        >
          {t("numberLife.verify")}
        </Button>
      </Group>
      <ProblemAlert error={verify.error} />
    </Stack>
  );
}

function PinStep({
  id,
  path,
  label,
  done,
}: {
  id: string;
  path: "register" | "two-step-pin";
  label: string;
  done: string;
}) {
  const [pin, setPin] = useState("");
  const step = useLifecycleStep(id, path, done);
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs" wrap="wrap">
        <PinInput value={pin} onChange={setPin} />
        <Button
          disabled={!SIX_DIGITS.test(pin)}
          loading={step.isPending}
          onClick={() => step.mutate({ pin })}
        >
          {label}
        </Button>
      </Group>
      <ProblemAlert error={step.error} />
    </Stack>
  );
}

function Deregister({ id }: { id: string }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure();
  const step = useLifecycleStep(id, "deregister", "numberLife.deregistered");
  return (
    <>
      <Button color="red" variant="light" w="fit-content" onClick={open}>
        {t("numberLife.deregister")}
      </Button>
      <Modal opened={opened} onClose={close} title={t("numberLife.deregister")}>
        <Stack>
          <Text size="sm">{t("numberLife.deregisterWarning")}</Text>
          <ProblemAlert error={step.error} />
          <Button color="red" loading={step.isPending} onClick={() => step.mutate({}, { onSuccess: close })}>
            {t("numberLife.deregister")}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}

/** Verify, register with a PIN, change the PIN, deregister: each step says what it is for. */
export function Registration({ number }: { number: NumberStatus }) {
  const { t } = useTranslation();
  const verified = number.meta.code_verification_status === "VERIFIED";
  const registered = number.status === "connected";
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("numberLife.registration")}
        </Title>
        {!verified ? (
          <>
            <Text size="sm">{t("numberLife.verifyHelp")}</Text>
            <VerifyNumber id={number.id} />
          </>
        ) : null}
        {!registered ? (
          <>
            <Text size="sm">{t("numberLife.registerHelp")}</Text>
            <PinStep
              id={number.id}
              path="register"
              label={t("numberLife.register")}
              done="numberLife.registered"
            />
          </>
        ) : (
          <>
            <Text size="sm">{t("numberLife.pinHelp")}</Text>
            <PinStep
              id={number.id}
              path="two-step-pin"
              label={t("numberLife.changePin")}
              done="numberLife.pinChanged"
            />
            <Deregister id={number.id} />
          </>
        )}
      </Stack>
    </Card>
  );
}

/** A display-name change, pre-checked against Meta's rules, then reviewed by WhatsApp. */
export function DisplayNameChange({ number }: { number: NumberStatus }) {
  const { t } = useTranslation();
  const step = useLifecycleStep(number.id, "display-name", "numberLife.nameRequested");
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("numberLife.displayName")}
        </Title>
        {number.meta.new_display_name ? (
          <Text size="sm">
            {t("numberLife.pendingName", {
              name: number.meta.new_display_name,
              status: number.meta.new_name_status ?? "—",
            })}
          </Text>
        ) : null}
        <DisplayNameCheck
          initial={number.verifiedName}
          business={{ legalName: number.verifiedName }}
          submitLabel={t("numberLife.requestName")}
          onSubmit={(displayName) => step.mutate({ displayName })}
          pending={step.isPending}
          error={step.error}
        />
      </Stack>
    </Card>
  );
}
