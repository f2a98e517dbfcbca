import { describe, expect, it } from 'vitest';
import { afterPointer } from './after-pointer';

function setup() {
  const target = new EventTarget();
  const later: (() => void)[] = [];
  const runner = afterPointer(target, (task) => later.push(task));
  const ran: string[] = [];
  const fire = (type: string) => target.dispatchEvent(new Event(type));
  const next = () => later.splice(0).forEach((task) => task());
  return { runner, ran, fire, next };
}

describe('afterPointer', () => {
  it('runs a step at once when no pointer is down (a field left with Tab)', () => {
    const { runner, ran } = setup();
    runner.run(() => ran.push('touch'));
    expect(ran).toEqual(['touch']);
  });

  it('holds a step made while the pointer is down until the task after its release (after the click)', () => {
    const { runner, ran, fire, next } = setup();
    fire('pointerdown');
    runner.run(() => ran.push('touch a'));
    runner.run(() => ran.push('touch b'));
    expect(ran).toEqual([]);
    fire('pointerup');
    expect(ran).toEqual([]);
    next();
    expect(ran).toEqual(['touch a', 'touch b']);
    runner.run(() => ran.push('after'));
    expect(ran).toEqual(['touch a', 'touch b', 'after']);
  });

  it('runs held steps when the browser cancels the pointer (a touch turned into a scroll)', () => {
    const { runner, ran, fire, next } = setup();
    fire('pointerdown');
    runner.run(() => ran.push('touch'));
    fire('pointercancel');
    next();
    expect(ran).toEqual(['touch']);
  });

  it('stops listening when disposed', () => {
    const { runner, ran, fire, next } = setup();
    runner.dispose();
    fire('pointerdown');
    runner.run(() => ran.push('touch'));
    expect(ran).toEqual(['touch']);
    next();
  });
});
