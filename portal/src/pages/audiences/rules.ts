/** Rule shapes as the editor holds them (loose while typed), and what is sent once complete. */
export type EditorRule = { field: RuleField; key?: unknown; _key?: string } & Record<string, unknown>;
export interface EditorGroup {
  op: "and" | "or";
  rules: (EditorRule | EditorGroup)[];
  /** The editor's own id for React, never sent. */
  _key?: string;
}

let nextKey = 0;
const editorKey = () => `r${++nextKey}`;

/** Rules as loaded from the server, each given an editor id. */
export function withKeys(group: EditorGroup): EditorGroup {
  return {
    ...group,
    _key: group._key ?? editorKey(),
    rules: group.rules.map((rule) =>
      isGroup(rule) ? withKeys(rule) : { ...rule, _key: rule._key ?? editorKey() },
    ),
  };
}

export function newGroup(): EditorGroup {
  return { op: "or", rules: [newRule("tag")], _key: editorKey() };
}

export const RULE_FIELDS = [
  "attribute",
  "tag",
  "consent",
  "language",
  "country",
  "market",
  "last_inbound",
  "created",
  "conversation",
  "campaign",
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

export const MARKETS = [
  "north_america",
  "rest_of_latin_america",
  "rest_of_western_europe",
  "rest_of_central_eastern_europe",
  "rest_of_asia_pacific",
  "rest_of_middle_east",
  "rest_of_africa",
  "AR",
  "BR",
  "CL",
  "CO",
  "MX",
  "PE",
  "ES",
  "IN",
  "ID",
  "DE",
  "FR",
  "IT",
  "GB",
];

export function isGroup(rule: EditorRule | EditorGroup): rule is EditorGroup {
  return "rules" in rule;
}

export function newRule(field: RuleField): EditorRule {
  return { ...blankRule(field), _key: editorKey() };
}

function blankRule(field: RuleField): EditorRule {
  switch (field) {
    case "attribute":
      return { field, key: "", op: "equals", value: "" };
    case "tag":
      return { field, op: "has", tag: "" };
    case "consent":
      return { field, state: "opted_in" };
    case "language":
      return { field, values: [] };
    case "country":
      return { field, countries: [] };
    case "market":
      return { field, markets: [] };
    case "last_inbound":
      return { field, op: "within", days: 30 };
    case "created":
      return { field, days: 30 };
    case "conversation":
      return { field, numberId: "" };
    case "campaign":
      return { field, campaignId: "", event: "received" };
  }
}

const filled = (value: unknown) =>
  Array.isArray(value)
    ? value.length > 0
    : typeof value === "number" || (typeof value === "string" && value.trim() !== "");

/** Whether a rule has what the server needs: incomplete rules are left out of the live count. */
function complete(rule: EditorRule): boolean {
  switch (rule.field) {
    case "attribute": {
      if (!filled(rule.key)) return false;
      if (rule.op === "in") return filled(rule.values);
      if (rule.op === "range") return filled(rule.min) || filled(rule.max);
      if (rule.op === "equals" || rule.op === "contains") return filled(rule.value);
      return true;
    }
    case "tag":
      return filled(rule.tag);
    case "language":
      return filled(rule.values);
    case "country":
      return filled(rule.countries);
    case "market":
      return filled(rule.markets);
    case "conversation":
      return filled(rule.numberId);
    case "campaign":
      return /^[0-9a-f-]{36}$/i.test(String(rule.campaignId));
    default:
      return true;
  }
}

/** The group as the API takes it: incomplete rules dropped, range bounds as numbers when they are numbers. */
export function toApi(group: EditorGroup): EditorGroup {
  return {
    op: group.op,
    rules: group.rules.flatMap((current): (EditorRule | EditorGroup)[] => {
      if (isGroup(current)) return [toApi(current)];
      const { _key, ...rule } = current;
      if (!complete(rule as EditorRule)) return [];
      if (rule.field === "attribute" && rule.op === "range") {
        const bound = (value: unknown) =>
          !filled(value) ? undefined : /^-?\d+(\.\d+)?$/.test(String(value)) ? Number(value) : String(value);
        return [
          {
            field: "attribute",
            key: rule.key,
            op: "range",
            min: bound(rule.min),
            max: bound(rule.max),
          } as EditorRule,
        ];
      }
      return [rule as EditorRule];
    }),
  };
}
