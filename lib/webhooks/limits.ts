// Field limits of webhook endpoints, shared by the API schemas and the panel's inputs (no server-only imports here).
export const ENDPOINT_DESCRIPTION_MAX = 200;
export const OAUTH_CLIENT_ID_MAX = 512;
export const OAUTH_SECRET_MAX = 4096;
export const OAUTH_SCOPE_MAX = 1000;
