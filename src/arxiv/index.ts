/** Adding papers from arXiv: look them up, then append them to the corpus. */
export { ArxivError, type ArxivErrorCode } from './error.js';
export { parseArxivFeed, type ArxivFeed, type RefusedPaper } from './feed.js';
export { fetchArxivPaper, fetchArxivPapers, type FetchArxivOptions, type FetchedPapers, type MissingPaper } from './client.js';
export { ARXIV_REQUEST_INTERVAL_MS, arxivRequestQueue, createRequestQueue, type RequestQueue } from './queue.js';
export { parseIdList, type ParsedIdList } from './id-list.js';
export { ADDED_FILE_NAME, appendPapers, type AppendResult } from './append.js';
