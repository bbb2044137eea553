/**
 * How long an operator's message may be. Plain data and functions only: the server
 * (domain/messages/send-message.ts) refuses a longer text and the composers in the browser count
 * with the same function, so the counter and the refusal never disagree.
 */

/** The most characters one message may have. */
export const MAX_TEXT_LENGTH = 1000;

/** Characters as the server counts them (code points, so an emoji is one). */
export const textLength = (text: string) => [...text].length;
