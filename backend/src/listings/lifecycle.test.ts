import assert from 'node:assert/strict';
import { LISTING_STATUSES, type ListingStatus } from '../../../schema/listings';
import { TRANSITIONS, transition, type Guards, type ListingEvent } from './lifecycle';

const to = (from: ListingStatus, event: ListingEvent, guards: Guards = {}) => {
  const t = transition(from, event, guards);
  return t.ok ? t.to : `refused: ${t.reason}`;
};

describe('listing lifecycle', () => {
  it('matching outcomes leave Validating ASIN', () => {
    assert.equal(to('validating_asin', 'match_single'), 'ready_to_list');
    assert.equal(to('validating_asin', 'match_multiple'), 'multiple_matches');
    assert.equal(to('validating_asin', 'match_none'), 'unable_to_assign');
    assert.equal(to('validating_asin', 'match_variation_parent'), 'has_variants');
    assert.equal(to('validating_asin', 'match_restricted'), 'unable_to_assign');
    assert.equal(to('validating_asin', 'condition_missing'), 'missing_condition');
    // A late answer does not move a listing an admin already changed.
    assert.match(to('active', 'match_single'), /^refused/);
  });

  it('re-attempt match from every matching problem; resolving needs an ASIN', () => {
    for (const s of ['multiple_matches', 'unable_to_assign', 'has_variants', 'missing_condition', 'ready_to_list'] as const)
      assert.equal(to(s, 'rematch'), 'validating_asin');
    assert.match(to('active', 'rematch'), /^refused/);
    assert.equal(to('multiple_matches', 'resolve', { hasAsin: true }), 'ready_to_list');
    assert.match(to('unable_to_assign', 'resolve'), /no ASIN/);
  });

  it('publish from Ready to List, Ended, Error and Inactive; never before the match is resolved', () => {
    for (const s of ['ready_to_list', 'ended', 'error', 'inactive'] as const)
      assert.equal(to(s, 'publish', { hasAsin: true }), 'list_in_progress');
    assert.match(to('multiple_matches', 'publish', { hasAsin: true }), /resolve the match/);
    assert.match(to('ineligible', 'publish', { hasAsin: true }), /^refused/);
  });

  it("Amazon's answers: List In Progress → Active / Inactive / Error; Ending In Progress → Manually Ended", () => {
    assert.equal(to('list_in_progress', 'amazon_buyable'), 'active');
    assert.equal(to('list_in_progress', 'amazon_not_buyable'), 'inactive');
    assert.equal(to('list_in_progress', 'amazon_failed'), 'error');
    assert.equal(to('inactive', 'amazon_buyable'), 'active');
    assert.equal(to('active', 'amazon_not_buyable'), 'inactive');
    assert.equal(to('ending_in_progress', 'amazon_not_buyable'), 'ended');
    assert.equal(to('ending_in_progress', 'amazon_buyable'), 'ended');
    assert.equal(to('ending_in_progress', 'amazon_failed'), 'error');
    assert.match(to('ended', 'amazon_buyable'), /^refused/);
  });

  it('end, delete, unlink, eligibility', () => {
    for (const s of ['list_in_progress', 'active', 'inactive', 'error'] as const) assert.equal(to(s, 'end'), 'ending_in_progress');
    assert.match(to('ready_to_list', 'end'), /^refused/);
    assert.equal(to('active', 'delete', { published: true }), 'deleting');
    assert.equal(to('ready_to_list', 'delete', { published: false }), 'removed');
    assert.equal(to('deleting', 'amazon_deleted'), 'removed');
    assert.match(to('active', 'amazon_deleted'), /^refused/);
    assert.equal(to('active', 'unlink', { linkedFromAmazon: true }), 'removed');
    assert.match(to('active', 'unlink'), /linked from existing Amazon listings/);
    assert.equal(to('active', 'became_ineligible'), 'ineligible');
    assert.match(to('deleting', 'became_ineligible'), /being deleted/);
    assert.equal(to('ineligible', 'became_eligible'), 'validating_asin');
  });

  it('every rule names only known statuses', () => {
    for (const rules of Object.values(TRANSITIONS))
      for (const r of rules) if (r.from !== '*') for (const s of r.from) assert.ok(LISTING_STATUSES.includes(s), s);
  });
});
