// Parsers for flag values the commands share: a bad value is a usage error (exit 2) naming what was expected.

import { InvalidArgumentError } from 'commander'

export const wholeNumber = (value: string): number => {
  if (!/^[0-9]+$/.test(value)) throw new InvalidArgumentError('expected a whole number')
  return Number(value)
}

export const logFormat = (value: string): string => {
  if (value !== 'human' && value !== 'json') throw new InvalidArgumentError('expected human or json')
  return value
}
