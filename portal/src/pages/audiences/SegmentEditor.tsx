import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { notifySuccess } from "../../components/notify";
import { ProblemAlert } from "../../components/problem";
import type { SegmentGroup } from "./api";
import { RuleEditor } from "./RuleEditor";
import { type EditorGroup, type EditorRule, isGroup, newGroup, newRule, toApi, withKeys } from "./rules";

function GroupEditor({
  group,
  onChange,
  onRemove,
  depth,
}: {
  group: EditorGroup;
  onChange: (group: EditorGroup) => void;
  onRemove?: () => void;
  depth: number;
}) {
  const { t } = useTranslation();
  const replace = (index: number, rule: EditorRule | EditorGroup) =>
    onChange({ ...group, rules: group.rules.map((current, i) => (i === index ? rule : current)) });
  const remove = (index: number) => onChange({ ...group, rules: group.rules.filter((_, i) => i !== index) });
  return (
    <Paper withBorder p="sm" radius="md" data-testid="segment-group">
      <Stack gap="sm">
        <SegmentedControl
          value={group.op}
          onChange={(op) => onChange({ ...group, op: op as "and" | "or" })}
          data={[
            { value: "and", label: t("audiences.segments.matchAll") },
            { value: "or", label: t("audiences.segments.matchAny") },
          ]}
          fullWidth
        />
        {group.rules.map((rule, index) =>
          isGroup(rule) ? (
            <GroupEditor
              key={rule._key}
              group={rule}
              depth={depth + 1}
              onChange={(next) => replace(index, next)}
              onRemove={() => remove(index)}
            />
          ) : (
            <RuleEditor
              key={rule._key}
              rule={rule}
              onChange={(next) => replace(index, next)}
              onRemove={() => remove(index)}
            />
          ),
        )}
        <Group gap="xs" wrap="wrap">
          <Button
            variant="light"
            size="xs"
            onClick={() => onChange({ ...group, rules: [...group.rules, newRule("tag")] })}
          >
            {t("audiences.segments.addRule")}
          </Button>
          {depth < 3 ? (
            <Button
              variant="light"
              size="xs"
              onClick={() => onChange({ ...group, rules: [...group.rules, newGroup()] })}
            >
              {t("audiences.segments.addGroup")}
            </Button>
          ) : null}
          {onRemove ? (
            <Button variant="subtle" color="red" size="xs" onClick={onRemove}>
              {t("audiences.segments.remove")}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

/** The live count and a sample of who matches the rules as they are typed. */
function LivePreview({ rules }: { rules: EditorGroup }) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(toApi(rules), 400);
  const preview = useQuery({
    queryKey: ["segment-preview", JSON.stringify(debounced)],
    queryFn: () => unwrap(api.POST("/v1/segments/preview", { body: { rules: debounced as SegmentGroup } })),
    placeholderData: keepPreviousData,
  });
  return (
    <Paper withBorder p="sm" radius="md" aria-live="polite">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {preview.data ? t("audiences.segments.liveCount", { count: preview.data.count }) : "…"}
        </Title>
        <ProblemAlert error={preview.error} />
        {preview.data?.sample.length ? (
          <Table fz="sm">
            <Table.Caption>{t("audiences.segments.sample")}</Table.Caption>
            <Table.Tbody>
              {preview.data.sample.map((contact) => (
                <Table.Tr key={contact.id}>
                  <Table.Td>{contact.name ?? ""}</Table.Td>
                  <Table.Td>{contact.phone ?? ""}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {contact.tags.slice(0, 3).map((tag) => (
                        <Badge key={tag} variant="outline" color="gray">
                          {tag}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Builds a segment: AND/OR groups of rules, with the live count and sample beside them. */
export default function SegmentEditor() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [rules, setRules] = useState<EditorGroup>(() => withKeys({ op: "and", rules: [newRule("tag")] }));
  const existing = useQuery({
    queryKey: ["segments", id],
    enabled: !!id,
    queryFn: () => unwrap(api.GET("/v1/segments/{id}", { params: { path: { id: id ?? "" } } })),
  });
  useEffect(() => {
    if (!existing.data) return;
    setName(existing.data.name);
    setRules(withKeys((existing.data as unknown as { rules: EditorGroup }).rules));
  }, [existing.data]);
  const save = useMutation({
    mutationFn: () => {
      const body = { name, rules: toApi(rules) as SegmentGroup };
      return id
        ? unwrap(api.PATCH("/v1/segments/{id}", { params: { path: { id } }, body }))
        : unwrap(api.POST("/v1/segments", { body }));
    },
    onSuccess: (segment) => {
      notifySuccess(t("audiences.segments.saved"));
      void queryClient.invalidateQueries({ queryKey: ["segments"] });
      navigate(`/audiences/segments/${segment.id}`, { replace: true });
    },
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <TextInput
          label={t("audiences.segments.name")}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maw={480}
        />
        <GroupEditor group={rules} onChange={setRules} depth={0} />
        <LivePreview rules={rules} />
        {existing.data ? (
          <Text c="dimmed" size="sm">
            {t("audiences.segments.members")}: {existing.data.memberCount.toLocaleString()}
          </Text>
        ) : null}
        {existing.error ? <Alert color="red">{String(existing.error)}</Alert> : null}
        <ProblemAlert error={save.error} />
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t("audiences.segments.save")}
        </Button>
      </Stack>
    </form>
  );
}
