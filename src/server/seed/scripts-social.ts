/** Demo conversation scripts over Instagram, Facebook, Google reviews and web chat, and the DND stories. */
import { appointment } from './scripts-clinic';
import { activity, call, chat, DAY, email, fb, HOUR, IN, ig, igComment, note, OUT, review, sms, wa, type Script } from './steps';

export const SOCIAL_SCRIPTS: Script[] = [
  {
    id: 'ig-hydrafacial',
    tag: 'hydrafacial',
    source: 'instagram',
    build: (c) => {
      const when = c.slot(2, 10, 15);
      return [
        ig(IN, 'Hiii how much is a hydrafacial? 😍'),
        ig(OUT, `Hi ${c.first}! Our signature HydraFacial is ${c.p.hydra}, or a course of 3 for ${c.p.hydraPackage} ✨`),
        ig(IN, 'Any availability this weekend?'),
        ig(OUT, `${when} or the same day at 1:45 — shall I hold one for you?`),
        ig(IN, 'The first one pls!!'),
        activity('appointment', `Appointment booked: HydraFacial, ${when}`, { action: 'created', record: appointment(c, 'HydraFacial', when) }),
      ];
    },
  },
  {
    id: 'ig-comment-results',
    tag: 'new-lead',
    source: 'instagram',
    build: (c) => [
      igComment(IN, 'Omg these results 😍 does it hurt??'),
      igComment(OUT, "Thank you! Most clients say it's a 2/10, we always use numbing cream. We've sent you a DM 💕"),
      ig(OUT, `Hi ${c.first}! Thanks for your comment on our lip filler post. Would you like to book a free consultation to chat through options?`, { after: 3 }),
      ig(IN, 'Yes please! Is it with a doctor or a nurse?'),
      ig(OUT, `All our injectors are medical professionals. Lips are done by ${c.clinic.lead} or our senior nurse prescriber. Any day that suits?`),
    ],
  },
  {
    id: 'ig-comment-price',
    source: 'instagram',
    build: (c) => [
      igComment(IN, 'Price? 👀'),
      igComment(OUT, "Hi! We've sent you a DM with our price list 😊"),
      ig(OUT, `Here you go ${c.first}: HydraFacial ${c.p.hydra}, lip filler ${c.p.lipFiller}/ml, ${c.loc('Botox', 'anti-wrinkle')} from ${c.loc(`${c.p.toxUnit}/unit`, c.money(189))}. Full menu at ${c.clinic.website}/prices`, { after: 2 }),
    ],
  },
  {
    id: 'fb-laser-dark-skin',
    tag: 'laser',
    source: 'facebook',
    build: (c) => {
      const when = c.slot(3, 16);
      return [
        fb(IN, "Is laser hair removal safe for dark skin? I got burned at another clinic and I'm nervous to try again"),
        fb(OUT, `So sorry that happened, ${c.first}. Yes, it's safe with the right laser: we use an Nd:YAG (1064 nm), which is designed for darker skin tones, and we always do a free patch test first.`),
        fb(IN, "OK that's reassuring. Can I book the patch test?"),
        activity('appointment', `Appointment booked: Laser patch test, ${when}`, { action: 'created', record: appointment(c, 'Laser patch test', when) }),
        fb(OUT, `Done! You're booked for ${when}. Shave the area the day before and skip any fake tan 👍`),
        note('Fitzpatrick V, previous burns/PIH from another clinic. Please use conservative settings on the patch test and document it carefully.'),
      ];
    },
  },
  {
    id: 'fb-gift-voucher',
    source: 'facebook',
    build: (c) => {
      const number = `INV-${c.rng.int(1040, 1990)}`;
      return [
        fb(IN, "Do you sell gift vouchers? It's my mum's 60th next week"),
        fb(OUT, `We do! Any amount from ${c.money(50)}, or for a specific treatment. The HydraFacial voucher is really popular 💝`),
        fb(IN, `Lovely, a ${c.money(150)} one please. Can you e-mail it?`),
        activity('invoice', `Invoice ${number} sent: ${c.money(150, true)} (gift voucher)`, {
          action: 'sent',
          record: { invoice: { number, currency: c.clinic.currency, total: 15000, amountDue: 15000, status: 'sent' } },
        }),
        activity('payment', `Payment received: ${c.money(150, true)} for ${number}`, {
          action: 'received',
          changes: { invoiceStatus: { from: 'sent', to: 'paid' } },
          record: { payment: { invoiceNumber: number, amount: 15000, currency: c.clinic.currency, status: 'succeeded', provider: 'stripe' } },
          system: 'Payments',
        }, { after: 12 }),
        fb(OUT, "Payment received, thank you! The voucher is on its way to your inbox. Happy birthday to your mum! 🎂"),
      ];
    },
  },
  {
    id: 'review-5',
    source: 'google',
    build: (c) => [
      review(IN, `${c.clinic.lead} and the whole team were amazing. I was so nervous about my first ${c.loc('Botox', 'anti-wrinkle')} appointment but everything was explained clearly and the results are so natural. My friends just say I look well rested!`, 5),
      review(OUT, `Thank you so much, ${c.first}! We're thrilled you love your results and it was a pleasure looking after you. See you at your review 💛`, undefined, { after: 3 * HOUR }),
      note(`Lovely review 🎉 @[${c.other.name}](${c.other.id}) can we share it on IG stories (first name only)?`, true, { after: 5 }),
    ],
  },
  {
    id: 'review-3',
    source: 'google',
    build: (c) => [
      review(IN, 'Results are good but I waited 35 minutes past my appointment time and nobody apologised or explained why. Not what I expect at these prices.', 3),
      note(`@[${c.other.name}](${c.other.id}) can you call ${c.first} today? Please apologise and offer a complimentary LED session at the next visit.`, true, { after: 40 }),
      review(OUT, `Hi ${c.first}, thank you for the honest feedback and we're really sorry about the wait. That's not the experience we want for anyone. We've changed how we schedule longer treatments, and a member of our team will be in touch.`, undefined, { after: 20 }),
      call(OUT, 'completed', 187, null, { byOther: true, after: 2 * HOUR }),
    ],
  },
  {
    id: 'review-2',
    source: 'google',
    build: (c) => [
      review(IN, 'Booked online, turned up and was told the machine was being serviced. Wasted a morning and had to take time off work.', 2),
      review(OUT, `${c.first}, we're so sorry. Our booking system should have blocked those slots and it didn't. We'd like to make it right. Please message us and we'll rebook you with 20% off.`, undefined, { after: 5 * HOUR }),
    ],
  },
  {
    id: 'chat-membership',
    tag: 'membership',
    source: 'website',
    build: (c) => [
      chat(IN, 'Hi, quick question about the membership'),
      chat(OUT, `Hi! I'm ${c.staff.first}, happy to help 😊 What would you like to know?`, { after: 1 }),
      chat(IN, `What's included in the ${c.p.membership}/month one? Can I use it for ${c.loc('Botox', 'anti-wrinkle')}?`),
      chat(OUT, `It includes one HydraFacial or peel every month, 10% off all injectables (so yes, ${c.loc('Botox', 'anti-wrinkle')} too) and unused credits roll over for 3 months.`, { after: 2 }),
      chat(IN, 'Ok and can I cancel whenever?'),
      chat(OUT, "After the first 3 months, yes, with 30 days' notice. Would you like me to set it up? You'd just pop in for a quick skin consultation first.", { after: 1 }),
      chat(IN, 'Yes please!'),
      activity('contact', 'Tag added: membership', { action: 'updated', changes: { tags: { from: [], to: ['membership'] } } }),
      activity('opportunity', `Opportunity created: Membership sign-up, ${c.money(c.clinic.prices.membership * 12)}/yr`, {
        action: 'created',
        record: { opportunity: { name: 'Membership sign-up', pipeline: 'Memberships', stage: 'Consult booked', status: 'open', monetaryValue: c.clinic.prices.membership * 1200 } },
      }),
    ],
  },
  {
    id: 'chat-payment-plan',
    source: 'website',
    build: (c) => [
      chat(IN, 'Do you offer payment plans?'),
      chat(OUT, `We do! ${c.loc('Cherry and PatientFi', 'Klarna')} let you split treatments over 3–12 months, subject to approval. You can apply at checkout.`, { after: 1 }),
      chat(IN, 'great thanks'),
    ],
  },
  {
    id: 'wa-tox-topup',
    tag: 'botox',
    needs: ['phone'],
    build: (c) => {
      const when = c.slot(4, 13);
      return [
        wa(IN, `Hi, can I book my ${c.loc('Botox', 'anti-wrinkle')} top-up? It's been about 3 and a half months`),
        wa(OUT, `Hi ${c.first}! Perfect timing. ${c.clinic.lead} has ${when} or the following morning at 9. Which suits?`),
        wa(IN, 'The first one 😊'),
        activity('appointment', `Appointment booked: ${c.loc('Botox', 'Anti-wrinkle')} top-up, ${when}`, { action: 'created', record: appointment(c, `${c.loc('Botox', 'Anti-wrinkle')} top-up`, when) }),
        wa(OUT, "Booked! You'll get a reminder the day before."),
      ];
    },
  },
];

/** DND stories: each ends with the activity card that explains the contact's DND settings. */
export const DND_SCRIPTS: Record<'stop' | 'carrier' | 'unsubscribe' | 'global', Script> = {
  stop: {
    id: 'dnd-stop',
    needs: ['phone'],
    build: (c) => [
      sms(OUT, `${c.clinic.name}: 20% off HydraFacials this week only! Book at ${c.clinic.website}/book. Reply STOP to unsubscribe.`, { after: 3 * DAY }),
      sms(IN, 'STOP', { after: 6 }),
      activity('contact', 'DND enabled for SMS: the contact replied STOP', {
        action: 'dnd_enabled',
        changes: { 'dndSettings.SMS': { from: 'inactive', to: 'permanent' } },
        system: 'Opt-out keyword',
      }, { after: 0 }),
    ],
  },
  carrier: {
    id: 'dnd-carrier',
    needs: ['phone', 'email'],
    build: (c) => {
      const when = c.slot(1, 11);
      return [
        sms(OUT, `Reminder: your appointment at ${c.clinic.name} is ${when}. Reply C to confirm or call ${c.clinic.phone} to reschedule.`, {
          status: 'failed',
          error: { code: '30003', message: 'Unreachable destination handset' },
          after: 2 * DAY,
        }),
        activity('contact', 'DND enabled for SMS: carrier error 30003 (unreachable destination handset)', {
          action: 'dnd_enabled',
          changes: { 'dndSettings.SMS': { from: 'inactive', to: 'active' } },
          system: 'Carrier error',
        }, { after: 0 }),
        email(OUT, 'Appointment reminder', `Hi ${c.first},\n\nWe couldn't reach you by text, so here's a reminder that your appointment is ${when}. Reply to confirm.\n\n${c.clinic.name}`, { after: 20 }),
        email(IN, 'Re: Appointment reminder', "Confirmed, thanks! Sorry, I changed my number last month. I'll update it when I come in.", { after: 3 * HOUR }),
        note(`@[${c.other.name}](${c.other.id}) ${c.first} has a new mobile number. Please update it at check-in and lift the SMS DND.`, true),
      ];
    },
  },
  unsubscribe: {
    id: 'dnd-unsubscribe',
    needs: ['email'],
    build: (c) => [
      email(OUT, `New at ${c.clinic.name}: ${c.clinic.skinBooster} and our spring offers`,
        `Hi ${c.first},\n\nSpring is here! This month we're introducing ${c.clinic.skinBooster} for deep hydration, plus 15% off laser courses booked before the end of the month.\n\nBook online at ${c.clinic.website}/book.\n\nThe ${c.clinic.name} team\n\nUnsubscribe: ${c.clinic.website}/unsubscribe`, { after: 4 * DAY }),
      activity('contact', 'DND enabled for Email: unsubscribed from marketing e-mails', {
        action: 'dnd_enabled',
        changes: { 'dndSettings.Email': { from: 'inactive', to: 'active' } },
        system: 'Email unsubscribe',
      }, { after: 2 * HOUR }),
    ],
  },
  global: {
    id: 'dnd-global',
    needs: ['phone'],
    build: (c) => [
      sms(IN, c.loc("Hi, I've moved to Chicago so please take me off all your lists. Thanks for everything!", "Hi, I've moved to Manchester so please take me off all your lists. Thanks for everything!"), { after: 5 * DAY }),
      sms(OUT, `Of course ${c.first}, done. Best of luck with the move!`),
      activity('contact', 'DND enabled for all channels', { action: 'dnd_enabled', changes: { dnd: { from: false, to: true } } }, { after: 1 }),
    ],
  },
};
