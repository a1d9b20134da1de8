// An exported workbook read back as its users see it: every sheet's rows of cell values.
import ExcelJS from 'exceljs';

/** The rows of every sheet of an .xlsx file, each row's cell values (the header first). */
export async function sheetRows(bytes: Uint8Array): Promise<unknown[][][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return book.worksheets.map((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  });
}
