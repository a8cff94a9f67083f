// The text of a failed request, for error toasts and the log: the server's messages
// already start with "dane-zone: ", and the toast adds it once. Pure; no vscode.

/** the server's message without its "dane-zone: " prefix (the toast adds one) */
export function serverMessage(message: string): string {
  return message.replace(/^(?:dane-zone:\s*)+/i, '');
}

/** `validation of <domain> failed: <message>` without a repeated "dane-zone: " prefix */
export function failureText(domain: string, message: string): string {
  return `validation of ${domain} failed: ${serverMessage(message)}`;
}
