/**
 * The keyword patterns that say what a question asks (delayed, overdue, mine, revised, new reviews ...) and
 * the item kinds it names.
 */
import { blank } from "../parse/text.js";
import { ItemKind } from "../../register/item-kinds.js";

export const HELP_EXACT =
  /^(?:\/?help(?: me)?|commands?|menu|options|usage|start|get started|about|info|what can i (?:ask|say)(?: you)?|what can you do|what do you do|how does (?:this|it) work|how do i use (?:this|you|it|the bot)|what questions can i ask(?: you)?)$/;
export const HELP_ANYWHERE =
  /^help\b|\bwhat can i ask\b|\bwhat can you (?:do|answer|tell me)\b|\bwhat questions can i\b|\b(?:list|show)(?: me)?(?: the)? commands\b|\bhow do i use (?:this|you|the bot)\b/;
export const MEASURES =
  /\bcouncil plan\b|\bmeasures?\b|\bkpis?\b|\bperformance indicators?\b|\bdirection of travel\b|\bgetting worse\b|\bcomplaints?\b|\bombudsman\b|\bscrutiny work programme\b/;
export const SUMMARY =
  /\bperiod summary\b|\bdraft\b.*\b(?:summary|report|paper)\b|\b(?:audit committee|six[- ]monthly|6[- ]monthly|half[- ]yearly|committee) (?:report|summary|paper)\b|\b(?:write|prepare|produce|generate|create)(?: up)? (?:the |a |an |our )?(?:period |committee |audit committee )?(?:summary|report)\b/;
export const SUMMARY_LOOSE = /\bsummar(?:y|ise|ize)\b|\boverview\b/;
export const COUNTING = /\bhow many\b|\bnumber of\b|\bcount\b|\btotals?\b|\bhow much\b/;
export const IMPLEMENTED = /\b(?:implemented|completed|closed|delivered|signed off|finished|achieved)\b/;
export const BY_DIRECTORATE =
  /\b(?:by|per|for each|each|across|for every|split by|broken down by|break(?:down| down) by)\s+(?:the\s+)?directorates?\b|\bdirectorate(?:-by-| by )directorate\b|\bdirectorate breakdown\b/;
export const NEW_REVIEWS =
  /\bnew (?:inspections?|reviews?|audits?|visits?|assessments?|peer (?:reviews?|challenges?)|reports?|findings|items|recommendations|ones|outcomes?)\b|\b(?:come|came) in\b|\b(?:arrived|been received)\b|\bwhat'?s new\b|\bwhat is new\b|\banything new\b|\bany new\b/;
export const OVERSEEING =
  /\b(?:what|which)(?: \w+)? (?:is|are|does|do|has|have)(?: been)? (?:the )?(.+?) (?:overseeing|oversee|monitoring|monitor|in charge of)\b/i;
export const OVERSEEN_BY = /\b(?:overseen|monitored|scrutinised|scrutinized|supervised) by (?:the )?(.+?)\s*[?.!]*$/i;

export const NOT_IMPLEMENTING =
  /\bnot (?:to |be |being |been |going to |yet to )*implement(?:ed|ing)?\b|\b(?:decided|chose|chosen|choosing|opted|agreed) not to\b|\bwon'?t (?:be )?implement|\bwill not (?:be )?implement|\brejected\b|\bdeclined\b|\bnot (?:being )?taken forward\b/;
export const NOT_COMPLETE =
  /\b(?:not|isn'?t|aren'?t|yet to be|still to be)\s+(?:yet\s+)?(?:complete|completed|closed|finished|done|implemented)\b|\bincomplete\b|\bunfinished\b/;
export const COMPLETE = /\b(?:complete|completed|closed|finished|implemented|signed off)\b/;
export const ON_TRACK = /(?<!off[- ])\bon[- ]track\b|\b(?:not|aren'?t|isn'?t) (?:yet )?(?:delayed|late|behind)\b/;
export const PARTLY = /\b(?:partly|partially|slightly|somewhat) delayed\b/;
export const SIGNIFICANT =
  /\bsignificant(?:ly)? (?:delay|delays|delayed|late|behind)\b|\bseriously (?:delayed|late|behind)\b/;
export const NO_ACTION = /\bno (?:further )?action(?: required)?\b|\bremoved\b|\boutcome unknown\b/;
export const IN_PROGRESS = /\bin progress\b|\bunder ?way\b|\bbeing worked on\b/;
export const MORE_THAN_12 =
  /\b(?:more than|over|longer than|beyond|greater than|in excess of|exceeding|at least|>)\s*(?:12|twelve) months\b|\b(?:more than|over) (?:a|one) year\b|\b(?:12|twelve)\+ months\b|\b(?:12|twelve) months or more\b|\byear (?:or more )?(?:late|overdue|behind)\b/;
export const DELAYED =
  /\b(?:delayed|delays?|late|behind|slipp(?:ed|ing)|slipped|off[- ]track|off[- ]target|running late)\b/;
export const OVERDUE =
  /\boverdue\b|\bpast (?:its|their|the) (?:target|due|deadline)(?: dates?)?\b|\bmissed (?:its |their |the )?(?:target|deadline)s?\b|\bout of date\b/;
export const AWAITING_OR_TBC =
  /\bawaiting (?:a )?start\b|\bnot (?:yet )?(?:started|begun|scheduled)\b|\byet to (?:start|begin)\b|\b(?:have|has)(?:n'?t| not) (?:yet )?(?:started|begun)\b|\bnot started\b|\btbc\b|\btba\b|\bto be (?:confirmed|agreed)\b|\bno (?:target )?dates?\b|\bwithout (?:a )?(?:target|date)\b|\bno (?:target|deadline)s?\b/;
export const REVISED =
  /\brevis(?:ed|ion|ions)\b|\bre-?dated\b|\bre-?scheduled\b|\bfrom what to what\b|\b(?:changed|moved|extended|pushed back|put back)\b.*\b(?:targets?|dates?|deadlines?)\b|\b(?:targets?|dates?|deadlines?)\b.*\b(?:changed|moved|extended|pushed back|put back)\b/;
/** The words a "revised" question applies, without REVISED's reach across the words between them. */
export const REVISED_WORDS =
  /\brevis(?:ed|ion|ions)\b|\bre-?dated\b|\bre-?scheduled\b|\bfrom what to what\b|\b(?:changed|moved|extended|pushed back|put back|targets?|dates?|deadlines?)\b/;
export const DELIVERED_ELSEWHERE =
  /\bdelivered (?:by|elsewhere|outside|through)\b|\b(?:another|other|different|a different|separate) (?:directorates?|service|services|team|teams|partners?)\b|\bresponsible (?:directorate|unit|service)\b|\bdelivering (?:directorate|service|unit)\b|\bpartners? deliver|\b(?:with|by) (?:our |the )?partners?\b/;
export const OPEN =
  /\b(?:open|outstanding|live|remaining|unfinished|incomplete|still to do|to do|not yet done|needs? doing)\b/;
export const MINE =
  /\bmy\b|\bmine\b|\bassigned to me\b|\bi own\b|\bowned by me\b|\bi'?m (?:the )?(?:owner|responsible)\b|\bi am (?:the )?(?:owner|responsible)\b|\bfor me\b|\bdo i have\b|\bi (?:need|have) to\b|\bdo i need\b/;
export const ALL_MINE = /\ball (?:of )?my\b|\bevery(?:thing)? (?:of )?mine\b/;
export const UPDATE = /\bupdates?\b|\bupdating\b|\bprogress reports?\b/;
export const DUE_WORDS =
  /\b(?:due|deadlines?|by|before|until|till|up to|no later than|ending|end of|within|in the next|coming up|upcoming|target(?:ed)?|expected)\b/;
export const DUE_ALONE = /\bdue\b|\bcoming up\b|\bupcoming\b|\bdeadlines?\b|\bfalls? due\b/;
export const SCOPE_INTENT =
  /\b(?:status|progress|show|list|where are we|where is|how (?:are|is)|how'?s|what'?s happening|happening|going on|tell me|about|overview|position|update on|updates on|recommendations?|items?|actions?|areas? for improvement|suggestions?|considerations?|themes?|open|outstanding)\b/;
export const ALL_ITEMS =
  /\b(?:all|every|everything|whole|full|entire)\b.*\b(?:items?|recommendations?|actions?|register|list)\b|^(?:list|show)(?: me)?(?: the)? (?:items|recommendations|actions|register|everything)$|^everything$/;

export interface KindRule {
  kind: ItemKind;
  pattern: RegExp;
}

export const KIND_RULES: readonly KindRule[] = [
  { kind: ItemKind.keyImprovementRecommendation, pattern: /\bkey (?:improvement )?recommendations?\b|\bkrs?\d*\b/g },
  { kind: ItemKind.improvementRecommendation, pattern: /\bimprovement recommendations?\b|\birs?\d*\b/g },
  { kind: ItemKind.areaForImprovement, pattern: /\bareas? (?:for|of) improvement\b|\bimprovement areas?\b|\bafis?\b/g },
  { kind: ItemKind.suggestion, pattern: /\bsuggestions?\b/g },
  { kind: ItemKind.consideration, pattern: /\bconsiderations?\b/g },
  { kind: ItemKind.theme, pattern: /\bthemes?\b/g },
  { kind: ItemKind.requirement, pattern: /\brequirements?\b/g },
];

/** Item kinds a question names, in the order it names them; "key improvement recommendations" is not also "improvement recommendations". */
export function readItemKinds(text: string): ItemKind[] {
  let rest = text;
  const found: { kind: ItemKind; index: number }[] = [];
  for (const rule of KIND_RULES) {
    for (const m of rest.matchAll(rule.pattern)) {
      if (!found.some((f) => f.kind === rule.kind)) found.push({ kind: rule.kind, index: m.index ?? 0 });
      rest = blank(rest, m.index ?? 0, (m.index ?? 0) + m[0].length);
    }
  }
  return found.sort((a, b) => a.index - b.index).map((f) => f.kind);
}
