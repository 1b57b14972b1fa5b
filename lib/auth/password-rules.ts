// Password length rules, shared by the server's schema and the forms' input limits (so both say the same).
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
