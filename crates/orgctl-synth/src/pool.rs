//! A set of ids to pick from at random.

use crate::rng::Rng;

/// A set of ids with O(1) insert, remove and random pick.
#[derive(Default)]
pub(crate) struct Pool {
    items: Vec<u32>,
    pos: Vec<u32>,
}

const ABSENT: u32 = u32::MAX;

impl Pool {
    pub(crate) fn insert(&mut self, id: usize) {
        if self.pos.len() <= id {
            self.pos.resize(id + 1, ABSENT);
        }
        if self.pos[id] == ABSENT {
            self.pos[id] = self.items.len() as u32;
            self.items.push(id as u32);
        }
    }

    pub(crate) fn remove(&mut self, id: usize) {
        let Some(&p) = self.pos.get(id) else { return };
        if p == ABSENT {
            return;
        }
        let last = self.items.pop().expect("non-empty");
        if last as usize != id {
            self.items[p as usize] = last;
            self.pos[last as usize] = p;
        }
        self.pos[id] = ABSENT;
    }

    pub(crate) fn pick(&self, rng: &mut Rng) -> Option<usize> {
        (!self.items.is_empty()).then(|| self.items[rng.below(self.items.len())] as usize)
    }

    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }
}
