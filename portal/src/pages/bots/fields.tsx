import { ActionIcon, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** Rows of two text fields (id and title, name and description) that can be added and removed. */
export function PairsEditor<T extends Record<string, unknown>>({
  label,
  items,
  keys,
  labels,
  max,
  onChange,
  make,
}: {
  label: string;
  items: T[];
  keys: [keyof T & string, keyof T & string];
  labels: [string, string];
  max: number;
  onChange: (items: T[]) => void;
  make: (index: number) => T;
}) {
  const { t } = useTranslation();
  const set = (index: number, key: keyof T & string, value: string) =>
    onChange(items.map((item, i) => (i === index ? { ...item, [key]: value } : item)));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; their ids change as typed
        <Group key={index} gap={4} wrap="nowrap" align="flex-end">
          {keys.map((key, k) => (
            <TextInput
              key={key}
              size="xs"
              style={{ flex: 1, minWidth: 0 }}
              label={`${labels[k]} ${index + 1}`}
              value={String(item[key] ?? "")}
              onChange={(event) => set(index, key, event.currentTarget.value)}
            />
          ))}
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t("bots.props.removeRow", { n: index + 1 })}
            onClick={() => onChange(items.filter((_, i) => i !== index))}
            mb={4}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      {items.length < max ? (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          w="fit-content"
          onClick={() => onChange([...items, make(items.length)])}
        >
          {t("bots.props.addRow")}
        </Button>
      ) : null}
    </Stack>
  );
}

/** A text field that commits on blur or Enter (renaming a node on every keystroke would re-key it). */
export function CommitInput({
  label,
  value,
  onCommit,
  error,
}: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  error?: string | null;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text !== value) onCommit(text);
  };
  return (
    <TextInput
      label={label}
      value={text}
      error={error}
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") commit();
      }}
    />
  );
}

/** "a=b" lines to a record and back (HTTP body and JSON mapping). */
export const recordToLines = (record: Record<string, string> | undefined) =>
  Object.entries(record ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
export const linesToRecord = (text: string) =>
  Object.fromEntries(
    text
      .split("\n")
      .map((line) => line.split("="))
      .filter((parts) => parts.length >= 2 && parts[0]!.trim())
      .map(([key, ...rest]) => [key!.trim(), rest.join("=").trim()]),
  );
