import { parseCsv } from '../../../server/health-code/csv'

describe('CSV as spreadsheets write it', () => {
  test('quoted fields keep commas, doubled quotes and line breaks; unquoted ones are trimmed', () => {
    expect(parseCsv('a , "b,c" ,"say ""hi"""\n"multi\nline",x,y\n')).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b,c', 'say "hi"'] },
        { line: 2, fields: ['multi\nline', 'x', 'y'] },
      ],
    })
  })

  test('a byte-order mark, CRLF, blank lines and a missing final newline are handled; lines keep their numbers', () => {
    expect(parseCsv('\uFEFFh1,h2\r\n\r\n1,2\r\n  \r\n3,4')).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['h1', 'h2'] },
        { line: 3, fields: ['1', '2'] },
        { line: 5, fields: ['3', '4'] },
      ],
    })
  })

  test('text after a closing quote and an unclosed quote are errors naming the line', () => {
    expect(parseCsv('a,b\n"x"y,z')).toEqual({ ok: false, line: 2, message: expect.stringContaining('引号') })
    expect(parseCsv('a,b\nc,"open\nstill open')).toEqual({ ok: false, line: 2, message: expect.stringContaining('引号没有闭合') })
  })
})
