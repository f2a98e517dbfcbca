import { describe, expect, it } from 'vitest';
import { dials, fakeVisibility, rows, setup, shape, ticking } from '@/tests/unit/support/linker-page';

describe('createLinker', () => {
  it('never touches the regions the page contract lists', () => {
    const skipped = [
      '<a href="/x">+1 415 555 0101</a>',
      '<button>+1 415 555 0102</button>',
      '<textarea>+1 415 555 0103</textarea>',
      '<div contenteditable="true"><p>+1 415 555 0104</p></div>',
      '<div contenteditable=""><span>+1 415 555 0105</span></div>',
      '<script>var n = "+1 415 555 0106"</script>',
      '<style>/* +1 415 555 0107 */</style>',
      '<noscript>+1 415 555 0108</noscript>',
      '<template>+1 415 555 0109</template>',
      '<svg><text>+1 415 555 0110</text></svg>',
      '<div role="button">+1 415 555 0111</div>',
      '<select><option>+1 415 555 0112</option></select>',
      '<label><input type="checkbox"> Text me at +1 415 555 0113</label>',
    ];
    const { document, linker, runAll } = setup(`${skipped.join('')}<p contenteditable="false">+1 415 555 0199</p>`);
    linker.start();
    runAll();
    const made = Array.from(document.querySelectorAll('a[data-pbx-dial]')).map((a) => a.getAttribute('data-pbx-dial'));
    expect(made).toEqual(['+14155550199']);
    expect(document.querySelector('title')!.textContent).toBe('+1 415 555 0100');
  });

  it('stop() restores the page exactly, and start() links it again', () => {
    const html = '<p id="p">A +1 415 555 0132 B +1 415 555 0133</p><ul><li>+1 415 555 0134</li></ul>';
    const { document, linker, runAll } = setup(html);
    const before = shape(document.body);
    linker.start();
    runAll();
    expect(document.querySelectorAll('a').length).toBe(3);
    linker.stop();
    expect(shape(document.body)).toBe(before);
    expect(document.body.childNodes.length).toBe(2);
    expect(document.getElementById('p')!.childNodes.length).toBe(1);
    linker.start();
    runAll();
    expect(document.querySelectorAll('a').length).toBe(3);
  });
});

describe('createLinker: hidden content', () => {
  it('leaves what the page hides with the hidden attribute, and links it when the page shows it', async () => {
    const { document, linker, runAll } = setup('<p id="h" hidden>Call +1 415 555 0132</p><p>+1 415 555 0133</p>');
    linker.start();
    runAll();
    expect(dials(document)).toEqual(['+14155550133']);
    document.getElementById('h')!.removeAttribute('hidden');
    await Promise.resolve();
    runAll();
    expect(dials(document)).toEqual(['+14155550132', '+14155550133']);
  });
});

describe('createLinker: slices', () => {
  it('gives the first slice, when it starts, its own larger budget (the top of a page that was just parsed)', () => {
    const linkedAfterStart = (firstSliceMs: number) => {
      const { document, linker } = setup(`<ul>${rows(2600)}</ul>`, {
        now: ticking(),
        sliceMs: 5,
        firstSliceMs,
        createVisibilityObserver: (onVisible) => fakeVisibility().create(onVisible),
      });
      linker.start();
      return document.querySelectorAll('a[data-pbx-dial]').length;
    };
    const small = linkedAfterStart(5);
    const large = linkedAfterStart(30);
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(small * 3);
  });
});
