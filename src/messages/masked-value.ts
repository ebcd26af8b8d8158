/** What people, logs and stored copies see instead of a sensitive answer. */
export const maskedValue = '••••';
