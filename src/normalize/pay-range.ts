// A pay range as a page states it → its bounds, currency and period. Pure. Pages write pay in many ways
// ("£44,743 to £60,484", "$74,877.00 - $110,338.00 per year", "Up to $125,000", "45k–52k GBP p.a."); what is
// not readable stays as text with null bounds rather than guessed.

import type { PayRange } from '../model/index.js'

const AMOUNT =
  /(?:(USD|GBP|EUR|CAD|AUD|NZD|CHF|SEK|NOK|DKK|INR|SGD)\s?)?([$£€])?\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?([kK]\b)?(?:\s?(USD|GBP|EUR|CAD|AUD|NZD|CHF|SEK|NOK|DKK|INR|SGD)\b)?/g

const SYMBOLS: Readonly<Record<string, string>> = { '£': 'GBP', '€': 'EUR', $: '$' }

const PERIODS: readonly [RegExp, PayRange['period']][] = [
  [/\b(?:per\s+(?:annum|year)|a\s+year|annual(?:ly)?|yearly|p\.?\s?a\.?|\/\s?(?:yr|year))\b/i, 'year'],
  [/\b(?:per\s+month|a\s+month|monthly|\/\s?(?:mo|month))\b/i, 'month'],
  [/\b(?:per\s+week|a\s+week|weekly)\b/i, 'week'],
  [/\b(?:per\s+day|a\s+day|daily|day rate)\b/i, 'day'],
  [/\b(?:per\s+hour|an\s+hour|hourly|\/\s?(?:hr|hour))\b/i, 'hour'],
]

/** Whether a text states an amount of money (a currency sign or code next to a number). */
export function statesPay(text: string): boolean {
  return readAmounts(text).some((a) => a.currency !== null)
}

/** The pay range a text states, or null when it names no amount of money. */
export function parsePayRange(text: string): PayRange | null {
  const statement = text.replace(/\s+/g, ' ').trim()
  const amounts = readAmounts(statement)
  const money = amounts.filter((a) => a.currency !== null)
  if (money.length === 0) return null
  // "£44,743 to £60,484", "45 - 52k GBP": two amounts joined by a dash or range word are the bounds.
  const f = amounts.indexOf(money[0]!)
  const start = f > 0 && amounts[f - 1]!.adjacent ? f - 1 : f
  const low = amounts[start]!
  const high = low.adjacent ? amounts[start + 1]! : null
  // A shared "k" ("45-52k") applies to both bounds.
  const scale = (a: Amount) => (high?.thousands && !a.thousands && a.value < 1000 ? a.value * 1000 : a.value)
  const upTo = /\b(?:up to|to a maximum of|maximum of|max(?:imum)?\.?)\s*$/i.test(statement.slice(0, low.index))
  const min = high ? scale(low) : upTo ? null : low.value
  const max = high ? scale(high) : low.value
  return {
    text: statement,
    currency: money[0]!.currency,
    min: min !== null && high && min > max ? max : min,
    max: min !== null && high && min > max ? min : max,
    period: PERIODS.find(([pattern]) => pattern.test(statement))?.[1] ?? null,
  }
}

interface Amount {
  value: number
  currency: string | null
  thousands: boolean
  index: number
  end: number
  /** Joined to the next amount by a range word or dash. */
  adjacent: boolean
}

function readAmounts(text: string): Amount[] {
  const amounts: Amount[] = []
  for (const m of text.matchAll(AMOUNT)) {
    const [whole, codeBefore, symbol, digits, fraction, k, codeAfter] = m
    const value = Number(digits!.replace(/,/g, '') + (fraction ?? '')) * (k ? 1000 : 1)
    const currency = codeBefore ?? codeAfter ?? (symbol ? SYMBOLS[symbol]! : null)
    const index = m.index!
    amounts.push({ value, currency, thousands: k !== undefined, index, end: index + whole.trimEnd().length, adjacent: false })
  }
  for (let i = 0; i + 1 < amounts.length; i++) {
    const between = text.slice(amounts[i]!.end, amounts[i + 1]!.index)
    amounts[i]!.adjacent = /^\s*(?:-|–|—|to|and)\s*$/i.test(between)
  }
  return amounts
}
