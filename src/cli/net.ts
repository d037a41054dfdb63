/** Small pieces shared by the outbound deliveries (--post-url, --push-gateway). */

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The most telling short reason of a failed fetch: the socket's code (ECONNREFUSED), else a message. */
export function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}
