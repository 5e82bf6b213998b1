/**
 * A report's section for one of the other registers (scrutiny, Ombudsman, calendar, measures), as its
 * paper presents it: paragraphs and tables for the period summary card and the Word report, and the rows of
 * the workbook's sheet for that source. Built from what may be published (a channel may read it): each
 * source's builder counts what is confidential and never describes it.
 */
import type { ReviewSource } from "../register/review-sources.js";

export interface SourceTable {
  title: string;
  headers: string[];
  rows: string[][];
}

export interface SourceSection {
  source: ReviewSource;
  heading: string;
  paragraphs: string[];
  tables: SourceTable[];
  /** The workbook's sheet for the source: its name (at most 31 characters) and rows. */
  sheet: { name: string; headers: string[]; rows: string[][] };
}
