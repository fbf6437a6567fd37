import { expect } from 'chai';
import { progressBar } from '../../cli/progress.js';

describe('cli: progress bar', () => {
  const recorder = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stream: { isTTY, columns: 80, write: (text: string) => written.push(text) } };
  };

  it('should draw in place with \\r on a terminal and clear the line when stopped', () => {
    // given
    const { written, stream } = recorder(true);
    const bar = progressBar(stream, 4, 'verifying');
    // when
    bar.update(1);
    bar.update(4);
    bar.stop();
    // then
    expect(written[0]).to.match(/^\rverifying \[#+-+\] 1\/4 25%$/);
    expect(written[1]).to.match(/^\rverifying \[#+\] 4\/4 100%$/);
    expect(written[2]).to.match(/^\r +\r$/);
  });

  it('should NOT write anything when the stream is not a terminal (CI, pipes)', () => {
    const { written, stream } = recorder(false);
    const bar = progressBar(stream, 4, 'verifying');
    bar.update(1);
    bar.stop();
    expect(written).to.deep.equal([]);
  });
});
