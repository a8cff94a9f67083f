// Editor features as pure functions of the zone model (no LSP types): the
// server's lsp/ handlers call these, tests call them through dist/core.js.
export { hoverAt, typeHover, type HoverResult } from './hover';
export { completionsAt, completionListAt, type CompletionEntry, type CompletionKind, type CompletionList } from './completion';
export { NAME_LIMIT } from './name-completion';
export { sortedOwners, ownerIndexInSlices, noteOwnerChanges, SORT_AT_ONCE_MAX } from './owner-index';
export { documentSymbols, documentSymbolsInSlices, DEFAULT_OUTLINE_LIMIT, MAX_RECORD_SYMBOLS, type ZoneSymbol } from './symbols';
export { foldingRanges, foldingRangesInSlices, type Fold } from './folding';
export { definitionAt, referencesAt, nameAt, pointerFieldsTo } from './navigation';
export { prepareRenameAt, renameAt, type NameEdit, type RenamePrep, type RenameResult } from './rename';
export { formatEdits, formatInSlices, applyLineEdits, type LineEdit } from './format';
export { bumpSerialEdit, type SerialBump } from './bump-serial';
export { nextSerial, looksLikeDateSerial, todayOf } from './serial';
export { zoneInfo } from './zone-info';
export { hitAt, entryAt } from './locate-at';
