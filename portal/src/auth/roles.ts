import type { Role } from "../api/auth";

/** The portal's areas and the roles that may use each; the API answers 403 to the others. */
export const AREAS = {
  analytics: ["tenant_admin", "analyst"],
  activation: ["tenant_admin", "analyst"],
  platform: [],
  numbers: ["tenant_admin", "developer", "analyst"],
  templates: ["tenant_admin", "developer", "analyst"],
  templateEditor: ["tenant_admin", "developer"],
  review: [],
  contacts: ["tenant_admin", "developer", "agent"],
  audiences: ["tenant_admin", "developer"],
  campaigns: ["tenant_admin", "developer", "analyst"],
  conversations: ["tenant_admin", "agent", "analyst"],
  bots: ["tenant_admin", "analyst"],
  developers: ["tenant_admin", "developer"],
  audit: ["tenant_admin", "analyst"],
  users: ["tenant_admin"],
  billing: ["tenant_admin", "analyst"],
  platformBilling: [],
} as const satisfies Record<string, readonly Role[]>;

export type Area = keyof typeof AREAS;

/** Platform admins may use every area (the API lets them everywhere); others only their roles'. */
export function canUse(role: Role, area: Area): boolean {
  return role === "platform_admin" || (AREAS[area] as readonly Role[]).includes(role);
}
