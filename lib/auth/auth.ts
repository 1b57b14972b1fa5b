// next-auth (v5): email + password credentials, JWT sessions in secure http-only cookies.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getClientIp } from "@/lib/api/request";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { credentialsSchema, type Role } from "./schemas";
import { verifyCredentials } from "./users";

class RateLimitedSignin extends CredentialsSignin {
  code = "rate_limited";
}

declare module "next-auth" {
  interface User {
    role?: Role;
    partnerId?: string | null;
  }
  interface Session {
    user: { id: string; email: string; name?: string | null; role: Role; partnerId: string | null };
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: getConfig().authSecret,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        try {
          const user = await verifyCredentials({ ...parsed.data, ip: getClientIp(request.headers) });
          return user
            ? { id: user.id, email: user.email, name: user.name, role: user.role, partnerId: user.partnerId }
            : null;
        } catch (error) {
          if (error instanceof AppError && error.code === "rate_limited") throw new RateLimitedSignin();
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.role = user.role;
        token.partnerId = user.partnerId ?? null;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub as string;
      session.user.role = token.role as Role;
      session.user.partnerId = (token.partnerId as string | null) ?? null;
      return session;
    },
  },
}));
