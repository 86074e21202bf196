import {
  Alert,
  Button,
  Checkbox,
  FileInput,
  Group,
  List,
  Select,
  Stack,
  Text,
  ThemeIcon,
} from "@mantine/core";
import { IconCheck, IconX } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { notifySuccess } from "../../components/notify";
import { useFormat } from "../../i18n/format";
import { ACTIVATION_KEY, type Activation, areaProblem, FEED_KEY, fileToBase64 } from "./model";

const DOCUMENT_KINDS = [
  "legal_name",
  "address",
  "tax_registration",
  "business_license",
  "utility_bill",
] as const;
const LEGAL_NAME_DOCS = ["legal_name", "tax_registration", "business_license"];
const ADDRESS_DOCS = ["address", "utility_bill"];
type MimeType = "application/pdf" | "image/jpeg" | "image/png";

function ChecklistItem({ ok, label }: { ok: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <List.Item
      icon={
        <ThemeIcon
          color={ok ? "teal" : "gray"}
          size={20}
          radius="xl"
          role="img"
          aria-label={
            ok ? t("businessVerification.checklist.ok") : t("businessVerification.checklist.missing")
          }
        >
          {ok ? <IconCheck size={14} /> : <IconX size={14} />}
        </ThemeIcon>
      }
    >
      {label}
    </List.Item>
  );
}

function DocumentUpload() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<string | null>("legal_name");
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async () => {
      if (!file || !kind) return;
      await unwrap(
        api.POST("/v1/activation/documents", {
          body: {
            kind: kind as (typeof DOCUMENT_KINDS)[number],
            filename: file.name,
            mimeType: (file.type || "application/pdf") as MimeType,
            contentBase64: await fileToBase64(file),
          },
        }),
      );
    },
    onSuccess: () => {
      setFile(null);
      notifySuccess(t("businessVerification.documents.uploaded"));
      void queryClient.invalidateQueries({ queryKey: ACTIVATION_KEY });
    },
  });
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs" wrap="wrap">
        <Select
          label={t("businessVerification.documents.kind")}
          data={DOCUMENT_KINDS.map((value) => ({
            value,
            label: t(`businessVerification.documents.kinds.${value}`),
          }))}
          value={kind}
          onChange={setKind}
          allowDeselect={false}
        />
        <FileInput
          label={t("businessVerification.documents.file")}
          accept="application/pdf,image/jpeg,image/png"
          value={file}
          onChange={setFile}
          placeholder={t("businessVerification.documents.choose")}
          clearable
          style={{ minWidth: 200 }}
        />
        <Button variant="light" disabled={!file} loading={upload.isPending} onClick={() => upload.mutate()}>
          {t("businessVerification.documents.upload")}
        </Button>
      </Group>
      {upload.error ? (
        <Alert color="red" role="alert" variant="light">
          {areaProblem(t, upload.error, "activationProblems")}
        </Alert>
      ) : null}
    </Stack>
  );
}

/** Business verification: the checklist as it stands, document uploads, and the submission to Meta. */
export function VerificationPanel({ activation, open }: { activation: Activation; open: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [domainVerified, setDomainVerified] = useState(false);
  const kinds = activation.documents.map((document) => document.kind);
  // Once submitted, the checklist is the one the server recorded with the submission.
  const submitted = activation.stages.find((stage) => stage.stage === "business_verification")?.data
    .checklist as Record<string, boolean> | undefined;
  const checklist = (!open && submitted) || {
    legalNameDocument: kinds.some((kind) => LEGAL_NAME_DOCS.includes(kind)),
    addressDocument: kinds.some((kind) => ADDRESS_DOCS.includes(kind)),
    website: Boolean(activation.company.website),
    domainVerified,
    contactPhone: Boolean(activation.company.contactPhone),
  };
  const submit = useMutation({
    mutationFn: () => unwrap(api.POST("/v1/activation/verification", { body: { domainVerified } })),
    onSuccess: () => {
      notifySuccess(t("businessVerification.verification.submitted"));
      void queryClient.invalidateQueries({ queryKey: ACTIVATION_KEY });
      void queryClient.invalidateQueries({ queryKey: FEED_KEY });
    },
  });
  return (
    <Stack gap="sm" data-testid="verification-checklist">
      <Text size="sm">
        {t("businessVerification.verification.status")}:{" "}
        <b>{t(`businessVerification.verification.statuses.${activation.verificationStatus}`)}</b>
      </Text>
      <List spacing={4} size="sm">
        {Object.entries(checklist).map(([item, ok]) => (
          <ChecklistItem key={item} ok={ok} label={t(`businessVerification.checklist.${item}`)} />
        ))}
      </List>
      {activation.documents.length > 0 ? (
        <List size="sm">
          {activation.documents.map((document) => (
            <List.Item key={document.id}>
              {t(`businessVerification.documents.kinds.${document.kind}`)}: {document.filename} (
              {format.number(Math.ceil(document.size / 1024))} KB, {format.dateTime(document.uploadedAt)})
            </List.Item>
          ))}
        </List>
      ) : null}
      {open ? (
        <>
          <DocumentUpload />
          <Checkbox
            label={t("businessVerification.verification.domainVerified")}
            checked={domainVerified}
            onChange={(event) => setDomainVerified(event.currentTarget.checked)}
          />
          {submit.error ? (
            <Alert color="red" role="alert" variant="light">
              {areaProblem(t, submit.error, "activationProblems")}
            </Alert>
          ) : null}
          <Button
            w="fit-content"
            disabled={!Object.values(checklist).every(Boolean)}
            loading={submit.isPending}
            onClick={() => submit.mutate()}
          >
            {t("businessVerification.verification.submit")}
          </Button>
        </>
      ) : null}
    </Stack>
  );
}
