/** Demo conversation scripts over SMS, calls, e-mail and WhatsApp. */
import { activity, call, DAY, email, HOUR, IN, note, OUT, sms, wa, type Ctx, type Script } from './steps';

export function appointment(c: Ctx, title: string, start: string, status = 'confirmed') {
  return { appointment: { title, startTime: start, status, provider: c.clinic.lead, calendar: 'Treatments', source: 'conversation' } };
}

export const CLINIC_SCRIPTS: Script[] = [
  {
    id: 'tox-booking',
    tag: 'botox',
    needs: ['phone'],
    build: (c) => {
      const tox = c.loc('Botox', 'anti-wrinkle');
      const when = c.slot(5, 11);
      return [
        sms(IN, `Hi! Do you have anything for ${tox} next week? Just forehead and crow's feet`),
        sms(OUT, `Hi ${c.first}, it's ${c.staff.first} at ${c.clinic.name}. We have ${c.slot(3, 14, 30)} or ${when} with ${c.clinic.lead}. ` +
          c.loc(`Forehead + crow's feet is usually 30–40 units at ${c.p.toxUnit}/unit.`, `Two areas are ${c.money(249)}, three are ${c.p.toxThreeAreas}.`)),
        sms(IN, 'The second one works 👍'),
        activity('appointment', `Appointment booked: ${tox} – forehead & crow's feet, ${when}`, {
          action: 'created',
          record: appointment(c, `${tox} – forehead & crow's feet`, when),
        }),
        sms(OUT, `You're all set for ${when}. Please avoid alcohol and ${c.loc('ibuprofen', 'ibuprofen or aspirin')} for 24h before to reduce bruising. Reply C to confirm.`, { after: 3 }),
        sms(IN, 'C'),
      ];
    },
  },
  {
    id: 'filler-aftercare',
    tag: 'filler',
    needs: ['phone'],
    build: (c) => [
      wa(IN, "Hi, I had lip filler yesterday and my top lip is really swollen and a bit lumpy on the left side. Is that normal? I'm a bit worried"),
      wa(OUT, `Hi ${c.first}, sorry you're worried! Swelling and small lumps are completely normal for the first 48–72 hours. ` +
        'Use a cold compress (wrapped, 10 minutes on/off), sleep slightly propped up and skip the gym for a couple of days. ' +
        'Could you send us a photo in natural light so we can take a look?'),
      wa(IN, "Here it is, it's mostly the left side near the cupid's bow"),
      note(`@[${c.other.name}](${c.other.id}) ${c.first} is day 1 after 1ml lips with ${c.clinic.lead}. Looks like normal swelling to me, but can you ask the doctor to check the photo before 5?`, true),
      note('Doctor reviewed: normal swelling, no blanching or signs of occlusion. Booking a 2-week review.', false, { byOther: true, after: 70 }),
      call(OUT, 'completed', 214),
      wa(OUT, `Lovely to chat just now. As discussed, you're booked for a review on ${c.slot(14, 16)}. ` +
        `If you notice any white or dusky patches, or the pain gets worse, call us straight away on ${c.clinic.phone}.`, { after: 4 }),
      wa(IN, 'Thank you so much, feeling much better about it ❤️'),
    ],
  },
  {
    id: 'laser-email',
    tag: 'laser',
    source: 'website',
    needs: ['email'],
    build: (c) => {
      const when = c.slot(4, 10, 30);
      return [
        email(IN, 'Laser hair removal – a few questions',
          `Hello,\n\nI'm interested in laser hair removal for my underarms and bikini line. I have quite dark skin (I think type V) and ` +
          `had a bad experience with IPL at another place a few years ago, which left some marks that took months to fade.\n\n` +
          `Could you tell me which laser you use, how many sessions I would need and roughly what it costs? I also have a holiday ` +
          `booked in six weeks, so I'd like to know if I can start before then.\n\nThanks,\n${c.first}`),
        email(OUT, 'Re: Laser hair removal – a few questions',
          `Hi ${c.first},\n\nThank you for getting in touch, and I'm sorry to hear about your experience with IPL. ` +
          `IPL is not suitable for darker skin types, which is very likely why you had pigmentation afterwards.\n\n` +
          `We use an Nd:YAG 1064 nm laser, which bypasses the pigment in the skin and targets the hair follicle, so it is the gold ` +
          `standard for skin types IV–VI. A few points to help you plan:\n\n` +
          `• Sessions: most clients need 6–8 sessions, 4–6 weeks apart, for a long-term reduction of 80–90%.\n` +
          `• Price: ${c.p.laserSession} per area per session, or ${c.p.laserPackage} for a course of six.\n` +
          `• Patch test: required before your first session (free, takes 10 minutes). We treat 48 hours later at the earliest.\n` +
          `• Before: shave the area 24 hours before, no waxing or epilating for 4 weeks, and no tanning for 2 weeks.\n` +
          `• Holiday: you can absolutely start now. Just avoid sun on the treated areas for 2 weeks after each session and use SPF 50.\n\n` +
          `If you'd like, reply with a couple of days and times that suit you and I'll book your patch test.\n\n` +
          `Warm regards,\n${c.staff.name}\n${c.clinic.name}`, { after: 3 * HOUR }),
        email(IN, 'Re: Laser hair removal – a few questions', "Thank you, that's really helpful and reassuring. Could I come in for the patch test this Saturday morning?", { after: DAY }),
        activity('appointment', `Appointment booked: Laser patch test, ${when}`, { action: 'created', record: appointment(c, 'Laser patch test', when) }),
        email(OUT, 'Your patch test is booked', `Hi ${c.first},\n\nYou're booked for ${when}. Please come with the areas clean and free of deodorant or creams.\n\nSee you then!\n${c.staff.first}`, { after: 5 }),
      ];
    },
  },
  {
    id: 'invoice-payment',
    tag: 'filler',
    needs: ['email'],
    build: (c) => {
      const number = `INV-${c.rng.int(1040, 1990)}`;
      const total = c.clinic.prices.lipFiller + c.clinic.prices.cheekFiller;
      return [
        activity('opportunity', `Opportunity won: Lip & cheek filler plan, ${c.money(total)}`, {
          action: 'updated',
          changes: { status: { from: 'open', to: 'won' }, stage: { from: 'Consultation done', to: 'Booked' } },
          record: { opportunity: { name: 'Lip & cheek filler plan', pipeline: 'Injectables', stage: 'Booked', status: 'won', monetaryValue: total * 100 } },
        }),
        activity('invoice', `Invoice ${number} sent: ${c.money(total, true)}`, {
          action: 'sent',
          record: { invoice: { number, currency: c.clinic.currency, total: total * 100, amountDue: total * 100, status: 'sent' } },
        }, { after: 2 }),
        email(OUT, `Your invoice ${number} from ${c.clinic.name}`,
          `Hi ${c.first},\n\nThank you for choosing us for your treatment plan. Your invoice ${number} for ${c.money(total, true)} is ready; ` +
          `you can pay it securely online at ${c.clinic.website}/pay/${number.toLowerCase()}.\n\nAny questions, just reply to this e-mail.\n\n${c.staff.name}`, { after: 1 }),
        email(IN, `Re: Your invoice ${number} from ${c.clinic.name}`, 'Paid just now, thank you! Is parking free on the day?', { after: 5 * HOUR }),
        activity('payment', `Payment received: ${c.money(total, true)} for ${number} (card •••• ${c.rng.digits(4)})`, {
          action: 'received',
          changes: { invoiceStatus: { from: 'sent', to: 'paid' } },
          record: { payment: { invoiceNumber: number, amount: total * 100, currency: c.clinic.currency, status: 'succeeded', provider: 'stripe' } },
          system: 'Payments',
        }, { after: 1 }),
        email(OUT, `Re: Your invoice ${number} from ${c.clinic.name}`,
          `Got it, thank you ${c.first}! ${c.loc('Parking is validated for 2 hours at the garage on the corner.', "There's free parking behind the building for clients.")} See you soon.`, { after: 40 }),
      ];
    },
  },
  {
    id: 'missed-call',
    tag: 'hydrafacial',
    source: 'phone',
    needs: ['phone'],
    build: (c) => [
      call(IN, 'no-answer', 0),
      sms(OUT, `Hi ${c.first}, sorry we missed your call! This is ${c.staff.first} at ${c.clinic.name}. How can we help?`, { after: 4 }),
      sms(IN, 'Hi! I wanted to ask if HydraFacials are OK for acne-prone skin? I get a lot of breakouts on my chin'),
      sms(OUT, `They're great for congested skin. The extraction step clears pores and we can add a salicylic booster. It's ${c.p.hydra} per session, 60 minutes. Want me to call you to go through it?`),
      sms(IN, 'Yes please, after 5 is best'),
      call(OUT, 'completed', 356, null, { after: 3 * HOUR }),
    ],
  },
  {
    id: 'voicemail-reschedule',
    needs: ['phone'],
    build: (c) => {
      const was = c.slot(2, 12);
      const now = c.slot(6, 15, 30);
      return [
        call(IN, 'voicemail', 41, `Voicemail: "Hi, it's ${c.first}. I've got a HydraFacial booked for ${was} but something's come up at work. Could someone call me back to move it? Thanks."`),
        call(OUT, 'busy', 0, null, { after: 25 }),
        sms(OUT, `Hi ${c.first}, got your voicemail. I tried calling but the line was busy. Happy to move you: ${c.slot(4, 10)} or ${now}?`, { after: 2 }),
        sms(IN, `${now.split(',')[0]} please, sorry for the hassle!`),
        activity('appointment', `Appointment rescheduled: HydraFacial, now ${now}`, {
          action: 'rescheduled',
          changes: { startTime: { from: was, to: now } },
          record: appointment(c, 'HydraFacial', now),
        }),
        sms(OUT, "No hassle at all, you're moved. See you then!", { after: 1 }),
      ];
    },
  },
  {
    id: 'running-late',
    needs: ['phone'],
    build: (c) => [
      sms(IN, c.loc('Running 10 mins late, so sorry!! Traffic on the bridge is awful', 'Running about 10 mins late, so sorry!! Stuck on the Northern line')),
      sms(OUT, 'No problem at all, see you soon!'),
      activity('appointment', `Appointment marked showed: Filler review with ${c.clinic.lead}`, {
        action: 'updated',
        changes: { status: { from: 'confirmed', to: 'showed' } },
      }, { after: 45 }),
      sms(OUT, `Hi ${c.first}, how are you feeling after yesterday? If you have a minute we'd love a Google review: ${c.clinic.website}/review 💛`, { after: DAY }),
      sms(IN, 'Feeling great, will do!'),
    ],
  },
  {
    id: 'new-lead',
    opener: true,
    tag: 'new-lead',
    source: 'website',
    needs: ['phone'],
    build: (c) => [
      activity('contact', 'Contact created from website form: free consultation request', { action: 'created', system: 'Website form' }),
      sms(OUT, `Hi ${c.first}, thanks for your consultation request at ${c.clinic.name}! What treatment are you interested in? Reply STOP to unsubscribe.`, { after: 2 }),
      sms(IN, "Hi! I'm 52 and feel like my cheeks have really flattened. Would filler help or is it too late?"),
      sms(OUT, `It's never too late! Cheek filler is one of the most natural-looking treatments for restoring volume. Most people need 1–2 syringes (${c.p.cheekFiller} each). A consultation is ${c.p.consult}, redeemable against treatment. Would you like to come in?`),
      sms(IN, 'Yes, mornings are best for me'),
      activity('opportunity', `Opportunity created: Cheek filler consultation, ${c.money(c.clinic.prices.cheekFiller * 2)}`, {
        action: 'created',
        record: { opportunity: { name: 'Cheek filler consultation', pipeline: 'Injectables', stage: 'New lead', status: 'open', monetaryValue: c.clinic.prices.cheekFiller * 200 } },
      }),
    ],
  },
  {
    id: 'wedding-peel',
    source: 'referral',
    needs: ['phone'],
    build: (c) => {
      const when = c.slot(3, 17);
      return [
        wa(IN, 'Hi! My wedding is in 5 weeks, is it too late to do a peel? My skin is so dull and I have some old acne marks'),
        wa(OUT, `Congratulations ${c.first}! 🎉 Not too late at all. We'd suggest two light peels two weeks apart, with the last one at least 10 days before the big day so there's no flaking.`),
        wa(IN, 'Perfect. How much is it?'),
        wa(OUT, `${c.p.peel} per peel. We can also add LED to each session for free as a wedding treat 😊`),
        wa(IN, "Let's do it! Any evenings?"),
        activity('appointment', `Appointment booked: Chemical peel (1 of 2), ${when}`, { action: 'created', record: appointment(c, 'Chemical peel (1 of 2)', when) }),
        wa(OUT, `Booked you for ${when}. Please stop retinol 5 days before. See you then!`),
      ];
    },
  },
  {
    id: 'treatment-plan',
    tag: 'skincare',
    needs: ['email'],
    build: (c) => {
      const total = c.clinic.prices.skinBooster * 2 + c.clinic.prices.toxThreeAreas;
      return [
        email(OUT, "Your treatment plan from today's consultation",
          `Hi ${c.first},\n\nIt was lovely to meet you today. As promised, here is a summary of what we discussed.\n\n` +
          `Your goals: brighter, more hydrated skin, softening the lines around your eyes and forehead, and a fresher look without looking "done".\n\n` +
          `Recommended plan:\n1. ${c.clinic.skinBooster} – two sessions four weeks apart (${c.p.skinBooster} per session). ` +
          `This improves hydration and skin quality across the whole face.\n2. ${c.loc('Botox', 'Anti-wrinkle treatment')} – forehead, frown lines ` +
          `and crow's feet (${c.p.toxThreeAreas}), with a free review at two weeks.\n3. Home care: a vitamin C serum in the morning, SPF 50 every day, and ` +
          `a gentle retinol three nights a week once your skin is used to it.\n\nTotal for the clinic treatments: ${c.money(total)}. ` +
          `We can start with either; many clients do the skin booster first and the ${c.loc('Botox', 'anti-wrinkle treatment')} at the second visit.\n\n` +
          `Take your time to think it over, and let me know if you have any questions.\n\nBest wishes,\n${c.clinic.lead}\n${c.clinic.name}`),
        email(IN, "Re: Your treatment plan from today's consultation", 'Thank you for such a clear plan! Could I split it into two visits, one this month and one next? Money is a bit tight before payday.', { after: DAY }),
        email(OUT, "Re: Your treatment plan from today's consultation", `Of course, ${c.first}. Let's do the first ${c.clinic.skinBooster} session this month and combine the second one with the injectables next month. ${c.staff.first} will send you some times.`, { after: 2 * HOUR }),
        activity('opportunity', `Opportunity updated: Full-face refresh plan moved to "Plan accepted" (${c.money(total)})`, {
          action: 'updated',
          changes: { stage: { from: 'Consultation done', to: 'Plan accepted' } },
          record: { opportunity: { name: 'Full-face refresh plan', pipeline: 'Skin', stage: 'Plan accepted', status: 'open', monetaryValue: total * 100 } },
        }),
      ];
    },
  },
  {
    id: 'makeup-question',
    needs: ['phone'],
    build: () => [
      sms(IN, 'Quick one, can I wear makeup after microneedling tomorrow? I have a work thing in the evening'),
      sms(OUT, "Best to wait 24 hours. Your skin is open after the treatment, so makeup can clog it and cause irritation. Mineral makeup is OK from day 2. Sorry, I know that's not what you wanted to hear!"),
      sms(IN, 'Ha ok, thanks 🙏'),
    ],
  },
  {
    id: 'lip-price',
    needs: ['phone'],
    build: (c) => [
      sms(IN, 'How much is lip filler?'),
      sms(OUT, `Hi ${c.first}! 1ml is ${c.p.lipFiller}, and a 0.5ml top-up is ${c.money(Math.round(c.clinic.prices.lipFiller * 0.6))}. Everything includes numbing cream and a free 2-week review.`),
    ],
  },
];
