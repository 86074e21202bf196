import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api, unwrap } from "../../api/client";
import { useSignedIn } from "../../auth/session";
import { type Availability, fetchAgents, inboxKeys } from "./inbox-api";

/** Idle this long in the portal: the agent turns away (the server turns them away too, after AGENT_IDLE_MINUTES). */
const IDLE_MS = 5 * 60_000;
const HEARTBEAT_MS = 60_000;

export function useAgents() {
  return useQuery({ queryKey: inboxKeys.agents, queryFn: fetchAgents, staleTime: 30_000 });
}

/**
 * The signed-in agent's presence: online when the inbox opens, away after idling, online again on
 * activity (a heartbeat at most once a minute), and whatever they choose in the menu.
 */
export function usePresence() {
  const session = useSignedIn();
  const client = useQueryClient();
  const agents = useAgents();
  const me = agents.data?.find((agent) => agent.id === session.user.id);
  const change = useMutation({
    mutationFn: (availability: Availability) =>
      unwrap(api.PATCH("/v1/agents/me", { body: { availability } })),
    onSuccess: () => client.invalidateQueries({ queryKey: inboxKeys.agents }),
  });
  const { mutate } = change;
  const availability = me?.availability;
  const state = useRef({ availability, lastActive: Date.now(), lastBeat: 0, autoAway: false });
  state.current.availability = availability;
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !me) return;
    started.current = true;
    if (me.availability === "offline") mutate("online");
  }, [me, mutate]);
  useEffect(() => {
    const active = () => {
      const current = state.current;
      current.lastActive = Date.now();
      if (current.availability === "away" && current.autoAway) {
        current.availability = "online";
        current.autoAway = false;
        current.lastBeat = Date.now();
        void unwrap(api.POST("/v1/agents/me/heartbeat")).then(() =>
          client.invalidateQueries({ queryKey: inboxKeys.agents }),
        );
      } else if (current.availability === "online" && Date.now() - current.lastBeat > HEARTBEAT_MS) {
        current.lastBeat = Date.now();
        void api.POST("/v1/agents/me/heartbeat");
      }
    };
    const idle = setInterval(() => {
      const current = state.current;
      if (current.availability === "online" && Date.now() - current.lastActive > IDLE_MS) {
        current.availability = "away";
        current.autoAway = true;
        mutate("away");
      }
    }, 15_000);
    const events = ["pointerdown", "keydown", "pointermove", "focus"] as const;
    for (const name of events) window.addEventListener(name, active, { passive: true });
    return () => {
      clearInterval(idle);
      for (const name of events) window.removeEventListener(name, active);
    };
  }, [client, mutate]);
  return {
    availability: availability ?? "offline",
    set: (value: Availability) => {
      state.current.autoAway = false;
      mutate(value);
    },
  };
}
