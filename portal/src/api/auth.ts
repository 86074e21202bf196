import { request } from "./client";

/** Types and calls of the session contract (docs: PORTAL-API-CONTRACT, server branch `auth`). */
export const ROLES = ["platform_admin", "tenant_admin", "agent", "developer", "analyst"] as const;
export type Role = (typeof ROLES)[number];

export interface Session {
  user: { id: string; email: string; name: string; role: Role; tenantId: string };
  tenant: { id: string; slug: string; name: string };
  csrfToken: string;
}

export interface Invitation {
  id: string;
  email: string;
  name: string;
  role: Role;
  expiresAt: string;
}

export interface CreatedInvitation extends Invitation {
  token: string;
  acceptPath: string;
}

export interface InvitationPreview {
  email: string;
  name: string;
  role: Role;
  tenantName: string;
  expiresAt: string;
}

export const authApi = {
  session: () => request<Session>("GET", "/v1/auth/session"),
  login: (body: { email: string; password: string }) => request<Session>("POST", "/v1/auth/login", body),
  logout: () => request<void>("POST", "/v1/auth/logout"),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    request<void>("POST", "/v1/auth/password", body),
  invitation: (token: string) =>
    request<InvitationPreview>("GET", `/v1/auth/invitations/${encodeURIComponent(token)}`),
  acceptInvitation: (token: string, body: { name?: string; password: string }) =>
    request<Session>("POST", `/v1/auth/invitations/${encodeURIComponent(token)}/accept`, body),
  invitations: () => request<{ data: Invitation[] }>("GET", "/v1/users/invitations"),
  invite: (body: { email: string; name: string; role: Role }) =>
    request<CreatedInvitation>("POST", "/v1/users/invitations", body),
  revokeInvitation: (id: string) => request<void>("DELETE", `/v1/users/invitations/${id}`),
  sandbox: () => request<{ enabled: boolean; emulatorUrl: string | null }>("GET", "/v1/sandbox"),
  injectInbound: (body: { from: string; text: string; phoneNumberId?: string }) =>
    request<unknown>("POST", "/v1/sandbox/inbound", body),
};
