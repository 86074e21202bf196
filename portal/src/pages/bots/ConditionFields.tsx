import { Button, Group, MultiSelect, Paper, Select, Stack, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { NodeOf } from "./model";

type Rule = NodeOf<"condition">["rules"][number];
const OPS = ["eq", "neq", "contains", "gt", "gte", "lt", "lte", "exists"] as const;

function RuleFields({ rule, onChange }: { rule: Rule; onChange: (rule: Rule) => void }) {
  const { t } = useTranslation();
  if (rule.kind === "attribute")
    return (
      <Group gap={4} grow>
        <TextInput
          size="xs"
          label={t("bots.props.attribute")}
          value={rule.attribute}
          onChange={(event) => onChange({ ...rule, attribute: event.currentTarget.value })}
        />
        <Select
          size="xs"
          label={t("bots.props.op")}
          data={OPS.map((op) => ({ value: op, label: t(`bots.ops.${op}`) }))}
          value={rule.op}
          allowDeselect={false}
          onChange={(op) => op && onChange({ ...rule, op: op as (typeof OPS)[number] })}
        />
        {rule.op !== "exists" ? (
          <TextInput
            size="xs"
            label={t("bots.props.value")}
            value={String(rule.value ?? "")}
            onChange={(event) => onChange({ ...rule, value: event.currentTarget.value })}
          />
        ) : null}
      </Group>
    );
  return (
    <Stack gap={4}>
      <Group gap={4} grow>
        <TextInput
          size="xs"
          label={t("bots.props.from")}
          value={rule.from}
          onChange={(event) => onChange({ ...rule, from: event.currentTarget.value })}
        />
        <TextInput
          size="xs"
          label={t("bots.props.to")}
          value={rule.to}
          onChange={(event) => onChange({ ...rule, to: event.currentTarget.value })}
        />
      </Group>
      <TextInput
        size="xs"
        label={t("bots.props.timezone")}
        value={rule.timezone}
        onChange={(event) => onChange({ ...rule, timezone: event.currentTarget.value })}
      />
      <MultiSelect
        size="xs"
        label={t("bots.props.weekdays")}
        data={[1, 2, 3, 4, 5, 6, 7].map((day) => ({ value: String(day), label: t(`bots.weekdays.${day}`) }))}
        value={(rule.weekdays ?? []).map(String)}
        onChange={(days) => onChange({ ...rule, weekdays: days.length ? days.map(Number) : undefined })}
      />
    </Stack>
  );
}

/** A condition's rules (attribute comparisons, time windows, business hours) and how they combine. */
export function ConditionFields({
  node,
  onChange,
}: {
  node: NodeOf<"condition">;
  onChange: (node: NodeOf<"condition">) => void;
}) {
  const { t } = useTranslation();
  const setRules = (rules: Rule[]) => onChange({ ...node, rules });
  return (
    <Stack gap="xs">
      <Select
        label={t("bots.props.match")}
        data={(["all", "any"] as const).map((value) => ({ value, label: t(`bots.match.${value}`) }))}
        value={node.match ?? "all"}
        allowDeselect={false}
        onChange={(value) => value && onChange({ ...node, match: value as "all" | "any" })}
      />
      {node.rules.map((rule, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rules have no id of their own
        <Paper key={index} withBorder p={6}>
          <RuleFields
            rule={rule}
            onChange={(next) => setRules(node.rules.map((r, i) => (i === index ? next : r)))}
          />
          {node.rules.length > 1 ? (
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              mt={4}
              onClick={() => setRules(node.rules.filter((_, i) => i !== index))}
            >
              {t("bots.props.removeRule")}
            </Button>
          ) : null}
        </Paper>
      ))}
      <Group gap={4}>
        <Button
          size="xs"
          variant="light"
          onClick={() =>
            setRules([...node.rules, { kind: "attribute", attribute: "attribute", op: "exists" }])
          }
        >
          {t("bots.props.addAttributeRule")}
        </Button>
        <Button
          size="xs"
          variant="light"
          onClick={() =>
            setRules([
              ...node.rules,
              {
                kind: "time",
                timezone: "America/Argentina/Buenos_Aires",
                from: "09:00",
                to: "18:00",
                weekdays: [1, 2, 3, 4, 5],
              },
            ])
          }
        >
          {t("bots.props.addTimeRule")}
        </Button>
      </Group>
    </Stack>
  );
}
