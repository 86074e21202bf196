import { z } from "zod";
import { RenderParamsSchema } from "../templates/index.ts";

/** What POST /v1/messages accepts: Cloud API message bodies, except templates, which Charla renders. */
const media = z
  .object({
    id: z.string().min(1).max(256).optional(),
    link: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .optional(),
    caption: z.string().max(1024).optional(),
    filename: z.string().max(240).optional(),
  })
  .strict()
  .refine((value) => !!value.id !== !!value.link, { message: "give exactly one of id or link" });

const replyButton = z.object({
  type: z.literal("reply"),
  reply: z.object({ id: z.string().min(1).max(256), title: z.string().min(1).max(20) }),
});
const interactiveHeader = z.union([
  z.object({ type: z.literal("text"), text: z.string().min(1).max(60) }),
  z.object({ type: z.literal("image"), image: media }),
  z.object({ type: z.literal("video"), video: media }),
  z.object({ type: z.literal("document"), document: media }),
]);
const interactiveText = z.object({ text: z.string().min(1).max(1024) });
const interactive = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("button"),
    header: interactiveHeader.optional(),
    body: interactiveText,
    footer: z.object({ text: z.string().min(1).max(60) }).optional(),
    action: z.object({ buttons: z.array(replyButton).min(1).max(3) }),
  }),
  z.object({
    type: z.literal("list"),
    header: z.object({ type: z.literal("text"), text: z.string().min(1).max(60) }).optional(),
    body: interactiveText,
    footer: z.object({ text: z.string().min(1).max(60) }).optional(),
    action: z.object({
      button: z.string().min(1).max(20),
      sections: z
        .array(
          z.object({
            title: z.string().max(24).optional(),
            rows: z
              .array(
                z.object({
                  id: z.string().min(1).max(200),
                  title: z.string().min(1).max(24),
                  description: z.string().max(72).optional(),
                }),
              )
              .min(1)
              .max(10),
          }),
        )
        .min(1)
        .max(10),
    }),
  }),
  z.object({
    type: z.literal("cta_url"),
    header: interactiveHeader.optional(),
    body: interactiveText,
    footer: z.object({ text: z.string().min(1).max(60) }).optional(),
    action: z.object({
      name: z.literal("cta_url"),
      parameters: z.object({
        display_text: z.string().min(1).max(20),
        url: z.url({ protocol: /^https?$/ }).max(2048),
      }),
    }),
  }),
]);

const common = {
  to: z.string().min(3).max(32).describe("recipient phone number, E.164 preferred"),
  from: z
    .string()
    .max(64)
    .optional()
    .describe("sending phone number: Charla id or Meta phone number id; default the first"),
  replyTo: z.string().max(256).optional().describe("wamid of the message this replies to"),
};

export const sendMessageBody = z.discriminatedUnion("type", [
  z.object({
    ...common,
    type: z.literal("text"),
    text: z.object({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() }),
  }),
  z.object({ ...common, type: z.literal("image"), image: media }),
  z.object({ ...common, type: z.literal("document"), document: media }),
  z.object({ ...common, type: z.literal("audio"), audio: media }),
  z.object({ ...common, type: z.literal("video"), video: media }),
  z.object({ ...common, type: z.literal("sticker"), sticker: media }),
  z.object({
    ...common,
    type: z.literal("location"),
    location: z.object({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      name: z.string().max(1000).optional(),
      address: z.string().max(1000).optional(),
    }),
  }),
  z.object({
    ...common,
    type: z.literal("contacts"),
    contacts: z
      .array(
        z.looseObject({
          name: z.looseObject({ formatted_name: z.string().min(1).max(256) }),
          phones: z
            .array(
              z.looseObject({ phone: z.string().max(32).optional(), wa_id: z.string().max(32).optional() }),
            )
            .max(20)
            .optional(),
        }),
      )
      .min(1)
      .max(257),
  }),
  z.object({
    ...common,
    type: z.literal("reaction"),
    reaction: z.object({ message_id: z.string().min(1).max(256), emoji: z.string().max(16) }),
  }),
  z.object({ ...common, type: z.literal("interactive"), interactive }),
  z.object({
    ...common,
    type: z.literal("template"),
    template: z.object({
      name: z.string().min(1).max(512),
      language: z.string().min(2).max(15),
      parameters: RenderParamsSchema.optional(),
    }),
  }),
]);

export type SendMessageInput = z.infer<typeof sendMessageBody>;
