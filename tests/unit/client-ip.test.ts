import { describe, expect, it } from "vitest";
import { getClientIp, PEER_ADDRESS_HEADER } from "@/lib/api/request";

const headers = (forwardedFor?: string) => new Headers(forwardedFor ? { "x-forwarded-for": forwardedFor } : {});

describe("getClientIp – the per-IP limit key", () => {
  it("one trusted hop: the entry the proxy appended, not the one the client wrote in front of it", () => {
    expect(getClientIp(headers("6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
  });

  it("two trusted hops (CDN + proxy): the address the CDN saw", () => {
    expect(getClientIp(headers("6.6.6.6, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
  });

  it("fewer entries than trusted hops: the leftmost one there is, not an error", () => {
    expect(getClientIp(headers("203.0.113.7"), 3)).toBe("203.0.113.7");
  });

  it("no header at all: one shared 'unknown' key", () => {
    expect(getClientIp(headers(), 1)).toBe("unknown");
    expect(getClientIp(headers(" , "), 1)).toBe("unknown");
  });
});

describe("getClientIp – no trusted proxy (PORTICO_TRUSTED_PROXY_HOPS = 0, the default)", () => {
  it("the socket's peer address; X-Forwarded-For is ignored", () => {
    const fromSocket = new Headers({ "x-forwarded-for": "6.6.6.6", [PEER_ADDRESS_HEADER]: "127.0.0.9" });
    expect(getClientIp(fromSocket, 0)).toBe("127.0.0.9");
  });

  it("without the socket header: one shared 'unknown' key, never the forgeable header", () => {
    expect(getClientIp(headers("6.6.6.6"), 0)).toBe("unknown");
  });
});
