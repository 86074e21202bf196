import { api, unwrap } from "./client";
import type { paths } from "./schema";

/** Sessions, invitations and the sandbox's controls, through the client typed from /openapi.json. */
export const ROLES = ["platform_admin", "tenant_admin", "agent", "developer", "analyst"] as const;
export type Role = (typeof ROLES)[number];

type Ok<T> = T extends { responses: { [status: number]: infer R } }
  ? R extends { content: { "application/json": infer B } }
    ? B
    : never
  : never;

export type Session = Ok<paths["/v1/auth/session"]["get"]>;
export type Invitation = Ok<paths["/v1/users/invitations"]["get"]>["data"][number];
export type CreatedInvitation = Ok<paths["/v1/users/invitations"]["post"]>;
export type InvitationPreview = Ok<paths["/v1/auth/invitations/{token}"]["get"]>;

const token = (value: string) => ({ params: { path: { token: value } } });

export const authApi = {
  session: () => unwrap(api.GET("/v1/auth/session")),
  login: (body: { email: string; password: string }) => unwrap(api.POST("/v1/auth/login", { body })),
  logout: () => unwrap(api.POST("/v1/auth/logout")),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    unwrap(api.POST("/v1/auth/password", { body })),
  invitation: (value: string) => unwrap(api.GET("/v1/auth/invitations/{token}", token(value))),
  acceptInvitation: (value: string, body: { name?: string; password: string }) =>
    unwrap(api.POST("/v1/auth/invitations/{token}/accept", { ...token(value), body })),
  invitations: () => unwrap(api.GET("/v1/users/invitations")),
  invite: (body: { email: string; name: string; role: Exclude<Role, "platform_admin"> }) =>
    unwrap(api.POST("/v1/users/invitations", { body })),
  revokeInvitation: (id: string) =>
    unwrap(api.DELETE("/v1/users/invitations/{id}", { params: { path: { id } } })),
  sandbox: () => unwrap(api.GET("/v1/sandbox")),
  injectInbound: (body: { from: string; text: string; phoneNumberId?: string }) =>
    unwrap(api.POST("/v1/sandbox/inbound", { body })),
};
