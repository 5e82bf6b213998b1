/**
 * Questions about decisions waiting for someone, read apart from the other wordings: "what's waiting for me to
 * decide?" (extension requests and completions the asker may decide) and "what completions are waiting to be
 * verified?". The commands "approve the extension for <ref> of <review>" and "decline the extension for …" are
 * read here too.
 */

/** A completion, by any of its names. */
const COMPLETION = /\bcompletions?\b|\bclosures?\b|\bcompleted (?:items|actions|recommendations)\b/;
/** Waiting for the improvement team's check. */
const TO_VERIFY =
  /\b(?:waiting|awaiting|pending|need(?:s|ing)?)\b.*\b(?:verif\w*|check(?:ed|ing)?|sign(?:ed|ing)? off)\b|\b(?:unverified|to (?:be )?verif\w*)\b/;
/** "awaiting verification", "needs verifying", "what do I need to verify?". */
const VERIFICATION_ALONE =
  /\b(?:awaiting|pending|waiting for) verification\b|\bneeds? verif\w*\b|\bneed to verify\b|\bwaiting to be verified\b/;
/** Waiting for the asker: "waiting for me to decide", "my decision", "do I need to decide/approve". */
const FOR_ME =
  /\b(?:waiting|pending|awaiting)\b.*\b(?:for|on) (?:me|my (?:decision|approval|sign-?off))\b|\bfor me to (?:decide|approve|verify|sign off)\b|\b(?:do|must|should) i (?:need to )?(?:decide|approve|verify)\b|\bwaiting for my (?:decision|approval)\b/;

export interface DecisionQuestion {
  completionWaiting: boolean;
  waitingForAsker: boolean;
}

export function readDecisionQuestion(lower: string): DecisionQuestion {
  return {
    completionWaiting: (COMPLETION.test(lower) && TO_VERIFY.test(lower)) || VERIFICATION_ALONE.test(lower),
    waitingForAsker: FOR_ME.test(lower),
  };
}

/** "approve the extension for Rec 3 of Safeguarding Peer Review", "decline extension request for Rec 3": verb, then what names the item. */
export const DECIDE_EXTENSION_COMMAND =
  /^(approve|decline)\s+(?:the\s+)?(?:extension|extension request|request)\s+(?:for|of|on)\s+(.{1,300}?)\s*[.!?]?$/i;
