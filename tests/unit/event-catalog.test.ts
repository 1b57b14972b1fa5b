import { describe, expect, it } from "vitest";
import { getOpenApiDocument } from "@/lib/api/openapi";
import { EVENT_TYPES, eventCatalog, LOGIN_REDEEMED_FIELDS } from "@/lib/events/catalog";
import { buildEventRow } from "@/lib/events/outbox";
import { buildPayload } from "@/lib/webhooks/sender";

describe("event catalog", () => {
  it("the outbox refuses a payload that does not match its event type's schema", () => {
    expect(() =>
      buildEventRow({
        partnerId: "ptn_1",
        type: "transaction.verified",
        // @ts-expect-error the catalog's type refuses it too
        data: { xid: "x" },
      }),
    ).toThrow();
    const row = buildEventRow({
      partnerId: "ptn_1",
      type: "transaction.verified",
      data: { xid: "x", phone_number: "+447911123456", verified_at: "2026-11-30T10:00:00.000Z" },
    });
    expect(JSON.parse(row.data)).toEqual({
      xid: "x",
      phone_number: "+447911123456",
      verified_at: "2026-11-30T10:00:00.000Z",
    });
  });

  it("login.redeemed's SQL field list names exactly the schema's fields", () => {
    expect(Object.keys(LOGIN_REDEEMED_FIELDS).sort()).toEqual(Object.keys(eventCatalog["login.redeemed"].shape).sort());
  });

  it("the OpenAPI document has one webhook per event type, its body the signed envelope with the payload schema", () => {
    const document = getOpenApiDocument();
    const webhooks = (document.webhooks ?? {}) as Record<string, { post: { requestBody: unknown } }>;
    expect(Object.keys(webhooks)).toEqual(EVENT_TYPES);
    const schemas = (document.components?.schemas ?? {}) as Record<string, { properties?: Record<string, unknown> }>;
    const body = webhooks["login.redeemed"]?.post.requestBody as {
      content: { "application/json": { schema: { $ref: string } } };
    };
    expect(body.content["application/json"].schema.$ref).toBe("#/components/schemas/LoginRedeemedEvent");
    expect(Object.keys(schemas.LoginRedeemedEvent?.properties ?? {})).toEqual(["id", "type", "created_at", "data"]);
    expect(schemas.LoginRedeemedEvent?.properties?.data).toEqual({ $ref: "#/components/schemas/LoginRedeemedData" });
    expect(Object.keys(schemas.LoginRedeemedData?.properties ?? {})).toEqual(Object.keys(LOGIN_REDEEMED_FIELDS));
  });

  it("the body a webhook request carries has the envelope's fields", () => {
    const row = buildEventRow({
      partnerId: "ptn_1",
      type: "webhook.test",
      data: { endpoint_id: "whe_1", message: "hi" },
      at: new Date("2026-11-30T10:00:00.000Z"),
    });
    const body = JSON.parse(buildPayload(row));
    expect(body).toEqual({
      id: row.id,
      type: "webhook.test",
      created_at: "2026-11-30T10:00:00.000Z",
      data: { endpoint_id: "whe_1", message: "hi" },
    });
  });
});
