/**
 * What a terminal shows once `output` has been drawn on it: the lines left on the screen, as text.
 * Enough of a terminal for what cli-progress and the CLI write: carriage return, line feed, cursor
 * up (`ESC[nA`), to a column (`ESC[nG`), erase in line (`ESC[K`, `ESC[2K`), save and restore
 * (`ESC 7`, `ESC 8`); modes (`ESC[?25l`) change nothing on the screen. The screen never scrolls.
 */
export function screen(output: string): string[] {
  const rows: string[][] = [[]];
  let row = 0;
  let col = 0;
  const sequence = /^\u001b\[(\??)(\d*)([A-Za-z])/;
  let saved = { row, col };
  for (let i = 0; i < output.length;) {
    // Save and restore the cursor (DECSC, DECRC).
    if (output.startsWith("\u001b7", i) || output.startsWith("\u001b8", i)) {
      if (output[i + 1] === "7") saved = { row, col };
      else ({ row, col } = saved);
      i += 2;
      continue;
    }
    const found = sequence.exec(output.slice(i, i + 16));
    if (found) {
      const [all, mode, digits, command] = found;
      const n = Number(digits || (command === "K" ? 0 : 1));
      if (mode === "") {
        if (command === "A") row = Math.max(0, row - n);
        else if (command === "G") col = n - 1;
        else if (command === "K") rows[row] = n === 2 ? [] : rows[row]!.slice(0, col);
      }
      i += all!.length;
      continue;
    }
    const char = output[i++]!;
    if (char === "\r") col = 0;
    else if (char === "\n") {
      row++;
      col = 0;
      while (rows.length <= row) rows.push([]);
    } else {
      const line = rows[row]!;
      while (line.length < col) line.push(" ");
      line[col++] = char;
    }
  }
  return rows.map((line) => line.join("").trimEnd()).filter((line) => line !== "");
}
