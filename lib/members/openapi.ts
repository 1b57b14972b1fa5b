// The teams resource in the OpenAPI document: members, roles and invitations.
import { z } from "zod";
import { errorResponses, errorSchema, json, type OpenApiPaths } from "@/lib/api/openapi-parts";
import {
  acceptedInvitationSchema,
  acceptInvitationSchema,
  createdInvitationSchema,
  createInvitationSchema,
  invitationListSchema,
} from "./invitations";
import { memberListSchema, memberSchema, updateMemberSchema } from "./members";

const ownerOnly = { "403": "Your token's role is not `owner` (or the partnership is not approved)." };
const userIdParam = z.object({ user_id: z.string().meta({ example: "usr_3kF9qLm2Zx8Rt5Vb7Nw1" }) });
const invitationIdParam = z.object({ id: z.string().meta({ example: "inv_8Hn2Kq4Lm6Pz9Rt1Vx3B" }) });
const tokenParam = z.object({
  token: z.string().meta({ description: "The last path segment of the invitation's `accept_url`." }),
});

export const memberPaths: OpenApiPaths = {
  "/api/v1/members": {
    get: {
      summary: "List members",
      description:
        "Everyone in your partner company and their role: `owner` (everything, including members, the signing key, the time zone and deleting things), `developer` (services, API tokens, webhooks, callbacks) or `viewer` (reads only). A user belongs to one partner.",
      tags: ["Teams"],
      responses: { "200": { description: "The members", ...json(memberListSchema) }, ...errorResponses("apiToken") },
    },
  },
  "/api/v1/members/{user_id}": {
    patch: {
      summary: "Change a member's role",
      tags: ["Teams"],
      requestParams: { path: userIdParam },
      requestBody: json(updateMemberSchema),
      responses: {
        "200": { description: "The member with the new role", ...json(memberSchema) },
        ...errorResponses("apiToken", "jsonBody", "invalidInput", ownerOnly, {
          "404": "No such member of your partner.",
          "409": "This is the last owner: make another member an owner first.",
        }),
      },
    },
    delete: {
      summary: "Remove a member",
      description: "The account stays but leaves your partner; its browser sessions end at once.",
      tags: ["Teams"],
      requestParams: { path: userIdParam },
      responses: {
        "204": { description: "Removed" },
        ...errorResponses("apiToken", ownerOnly, {
          "404": "No such member of your partner.",
          "409": "This is the last owner: make another member an owner first.",
        }),
      },
    },
  },
  "/api/v1/invitations": {
    post: {
      summary: "Invite someone",
      description:
        "Creates a single-use accept link valid for 7 days (its secret is stored only as a hash) and e-mails it. A pending invitation to the same e-mail is replaced.",
      tags: ["Teams"],
      requestBody: json(createInvitationSchema),
      responses: {
        "201": { description: "The invitation; `accept_url` is shown only here", ...json(createdInvitationSchema) },
        ...errorResponses("apiToken", "jsonBody", "invalidInput", ownerOnly, {
          "409": "That e-mail is already a member.",
        }),
      },
    },
    get: {
      summary: "List invitations",
      tags: ["Teams"],
      responses: {
        "200": { description: "Invitations, newest first", ...json(invitationListSchema) },
        ...errorResponses("apiToken", ownerOnly),
      },
    },
  },
  "/api/v1/invitations/{id}": {
    delete: {
      summary: "Revoke an invitation",
      tags: ["Teams"],
      requestParams: { path: invitationIdParam },
      responses: {
        "204": { description: "Revoked: the link no longer works (410)" },
        ...errorResponses("apiToken", ownerOnly, {
          "404": "No such invitation.",
          "409": "Already accepted or revoked.",
        }),
      },
    },
  },
  "/api/invitations/{token}/accept": {
    post: {
      summary: "Accept an invitation (new account)",
      description:
        "No bearer token: the invitation token is the credential. Creates the account for the invited e-mail; it then signs in as usual and is a member with the invited role. People who already have an account open the accept link in the browser, sign in and join.",
      tags: ["Teams"],
      security: [],
      requestParams: { path: tokenParam },
      requestBody: json(acceptInvitationSchema),
      responses: {
        "201": { description: "The new account", ...json(acceptedInvitationSchema) },
        ...errorResponses("jsonBody", "invalidInput", {
          "404": "Unknown invitation token.",
          "409": "An account with this e-mail already exists: sign in and join instead.",
        }),
        "410": {
          description: "The invitation was already used, revoked, or is older than 7 days.",
          ...json(errorSchema),
        },
      },
    },
  },
};
