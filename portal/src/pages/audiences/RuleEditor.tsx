import { ActionIcon, Group, MultiSelect, NumberInput, Select, TagsInput, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { PhoneNumber } from "../../api/types";
import { type EditorRule, MARKETS, newRule, RULE_FIELDS, type RuleField } from "./rules";

type Change = (rule: EditorRule) => void;

function AttributeInputs({ rule, onChange }: { rule: EditorRule; onChange: Change }) {
  const { t } = useTranslation();
  const ops = ["equals", "contains", "in", "range", "exists", "not_exists"];
  return (
    <>
      <TextInput
        label={t("audiences.segments.key")}
        value={String(rule.key ?? "")}
        onChange={(e) => onChange({ ...rule, key: e.currentTarget.value })}
      />
      <Select
        label={t("audiences.segments.op")}
        data={ops.map((op) => ({ value: op, label: t(`audiences.segments.ops.${op}`) }))}
        value={String(rule.op)}
        allowDeselect={false}
        onChange={(op) => onChange({ field: "attribute", key: rule.key, op })}
      />
      {rule.op === "equals" || rule.op === "contains" ? (
        <TextInput
          label={t("audiences.segments.value")}
          value={String(rule.value ?? "")}
          onChange={(e) => onChange({ ...rule, value: e.currentTarget.value })}
        />
      ) : null}
      {rule.op === "in" ? (
        <TagsInput
          label={t("audiences.segments.values")}
          value={(rule.values as string[]) ?? []}
          onChange={(values) => onChange({ ...rule, values })}
        />
      ) : null}
      {rule.op === "range" ? (
        <>
          <TextInput
            label={t("audiences.segments.min")}
            value={String(rule.min ?? "")}
            onChange={(e) => onChange({ ...rule, min: e.currentTarget.value })}
          />
          <TextInput
            label={t("audiences.segments.max")}
            value={String(rule.max ?? "")}
            onChange={(e) => onChange({ ...rule, max: e.currentTarget.value })}
          />
        </>
      ) : null}
    </>
  );
}

function NumberSelect({ rule, onChange }: { rule: EditorRule; onChange: Change }) {
  const { t } = useTranslation();
  const numbers = useQuery({
    queryKey: ["phone-numbers"],
    queryFn: async () =>
      ((await unwrap(api.GET("/v1/phone-numbers"))) as unknown as { data: PhoneNumber[] }).data,
  });
  return (
    <Select
      label={t("audiences.segments.numberId")}
      data={(numbers.data ?? []).map((n) => ({
        value: n.id,
        label: `${n.displayPhoneNumber} ${n.verifiedName}`,
      }))}
      value={String(rule.numberId || "") || null}
      onChange={(numberId) => onChange({ ...rule, numberId: numberId ?? "" })}
    />
  );
}

function FieldInputs({ rule, onChange }: { rule: EditorRule; onChange: Change }) {
  const { t } = useTranslation();
  const option = (prefix: string) => (value: string) => ({
    value,
    label: t(`audiences.segments.${prefix}.${value}`),
  });
  const days = (label: string) => (
    <NumberInput
      label={label}
      min={0}
      max={3650}
      value={Number(rule.days)}
      onChange={(value) => onChange({ ...rule, days: Number(value) || 0 })}
    />
  );
  switch (rule.field) {
    case "attribute":
      return <AttributeInputs rule={rule} onChange={onChange} />;
    case "tag":
      return (
        <>
          <Select
            label={t("audiences.segments.op")}
            data={["has", "not_has"].map(option("ops"))}
            value={String(rule.op)}
            allowDeselect={false}
            onChange={(op) => onChange({ ...rule, op })}
          />
          <TextInput
            label={t("audiences.segments.value")}
            value={String(rule.tag ?? "")}
            onChange={(e) => onChange({ ...rule, tag: e.currentTarget.value })}
          />
        </>
      );
    case "consent":
      return (
        <Select
          label={t("audiences.segments.value")}
          data={["opted_in", "opted_out", "none"].map(option("consent"))}
          value={String(rule.state)}
          allowDeselect={false}
          onChange={(state) => onChange({ ...rule, state })}
        />
      );
    case "language":
      return (
        <TagsInput
          label={t("audiences.segments.values")}
          placeholder="es, pt-BR"
          value={rule.values as string[]}
          onChange={(values) => onChange({ ...rule, values })}
        />
      );
    case "country":
      return (
        <TagsInput
          label={t("audiences.segments.values")}
          placeholder="AR, BR"
          value={rule.countries as string[]}
          onChange={(values) => onChange({ ...rule, countries: values.map((v) => v.toUpperCase()) })}
        />
      );
    case "market":
      return (
        <MultiSelect
          label={t("audiences.segments.values")}
          data={MARKETS}
          value={rule.markets as string[]}
          onChange={(markets) => onChange({ ...rule, markets })}
        />
      );
    case "last_inbound":
      return (
        <>
          <Select
            label={t("audiences.segments.op")}
            data={["within", "not_within"].map(option("ops"))}
            value={String(rule.op)}
            allowDeselect={false}
            onChange={(op) => onChange({ ...rule, op })}
          />
          {days(t("audiences.segments.days"))}
        </>
      );
    case "created":
      return days(t("audiences.segments.createdWithin"));
    case "conversation":
      return <NumberSelect rule={rule} onChange={onChange} />;
    case "campaign":
      return (
        <>
          <Select
            label={t("audiences.segments.event")}
            data={["received", "read", "replied", "not_received"].map(option("events"))}
            value={String(rule.event)}
            allowDeselect={false}
            onChange={(event) => onChange({ ...rule, event })}
          />
          <TextInput
            label={t("audiences.segments.campaignId")}
            value={String(rule.campaignId ?? "")}
            onChange={(e) => onChange({ ...rule, campaignId: e.currentTarget.value.trim() })}
          />
        </>
      );
  }
}

/** One rule: what it looks at, then the inputs that field takes; wraps on a phone. */
export function RuleEditor({
  rule,
  onChange,
  onRemove,
}: {
  rule: EditorRule;
  onChange: Change;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group align="end" gap="xs" wrap="wrap" data-testid="segment-rule">
      <Select
        label={t("audiences.segments.field")}
        data={RULE_FIELDS.map((field) => ({ value: field, label: t(`audiences.segments.fields.${field}`) }))}
        value={rule.field}
        allowDeselect={false}
        onChange={(field) => field && onChange(newRule(field as RuleField))}
      />
      <FieldInputs rule={rule} onChange={onChange} />
      <ActionIcon
        variant="subtle"
        color="red"
        size="lg"
        aria-label={t("audiences.segments.remove")}
        onClick={onRemove}
      >
        ×
      </ActionIcon>
    </Group>
  );
}
